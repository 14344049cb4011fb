"""One side of `npm run bench:checks`: Free Law Project's x-ray over every
PDF listed in the first argument, in two processes (the machine's two
cores), writing {file: number of bad redactions} as JSON to the second."""

import json
import sys
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "x-ray"))
import xray  # noqa: E402


def inspect(path):
    try:
        return path, sum(len(found) for found in xray.inspect(path).values())
    except Exception as error:  # a file x-ray cannot open counts as none found
        return path, f"failed: {error}"


if __name__ == "__main__":
    files = [line for line in Path(sys.argv[1]).read_text().splitlines() if line]
    with Pool(2) as pool:
        results = dict(pool.map(inspect, files, chunksize=4))
    Path(sys.argv[2]).write_text(json.dumps(results))
