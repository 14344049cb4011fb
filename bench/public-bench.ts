import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { seedPublicSite } from "./public-seed.ts";

// npm run bench:public (issue 6, item 6): the public pages served by Postbag
// (`postbag serve`, its own process) and the same pages from the static export
// served by nginx, loaded in turn by autocannon in this process, in the same
// run. Targets: at least 2,000 requests/s and p99 under 50 ms for Postbag.
// Figures are also given as a ratio to nginx, since the machine is shared.

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SECONDS = Number(process.env.PUBLIC_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.PUBLIC_BENCH_CONNECTIONS ?? 10);
const APP_PORT = 43180;
const NGINX_PORT = 43181;

const work = mkdtempSync(join(tmpdir(), "postbag-public-bench-"));
// nginx's workers run as an unprivileged user: the export must be readable by them.
chmodSync(work, 0o755);
const children: ChildProcess[] = [];
try {
  console.log("Seeding the public site and writing its static export...");
  const seed = await seedPublicSite({
    dataDir: join(work, "data"),
    staticDir: join(work, "site"),
    campaignDir: join(ROOT, "examples", "vru-2020"),
  });
  const paths = [
    "/",
    `/campaigns/${seed.campaign}/`,
    ...seed.recipients.slice(0, 3).map((recipient) => `/campaigns/${seed.campaign}/letters/${recipient}/`),
    `/campaigns/${seed.campaign}/feed.atom`,
  ];
  children.push(startPostbag(join(work, "data")));
  await waitFor(`http://127.0.0.1:${APP_PORT}/`);
  const nginx = startNginx(join(work, "site"), work);
  if (nginx) {
    children.push(nginx);
    await waitFor(`http://127.0.0.1:${NGINX_PORT}/`);
  }
  const app = await load("postbag", APP_PORT, paths);
  const peer = nginx ? await load("nginx", NGINX_PORT, paths) : null;
  report(app, peer, paths);
} finally {
  for (const child of children) child.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}

interface Load {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(name: string, port: number, paths: string[]): Promise<Load> {
  const options = {
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    requests: paths.map((path) => ({ method: "GET" as const, path })),
  };
  await autocannon({ ...options, duration: 2 }); // warm-up: caches, JIT
  console.log(`Loading ${name} for ${SECONDS} s with ${CONNECTIONS} connections...`);
  const result = await autocannon({ ...options, duration: SECONDS });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function report(app: Load, peer: Load | null, paths: string[]) {
  const row = (load: Load) =>
    `${load.name.padEnd(8)} ${load.requestsPerSecond.toFixed(0).padStart(8)} req/s   p50 ${load.p50} ms   p99 ${load.p99} ms   errors ${load.errors}   non-2xx ${load.non2xx}`;
  console.log(`\nPublic pages (${paths.join(", ")}), ${CONNECTIONS} connections, ${SECONDS} s each:`);
  console.log(row(app));
  if (peer) {
    console.log(row(peer));
    console.log(
      `postbag / nginx: ${(app.requestsPerSecond / peer.requestsPerSecond).toFixed(2)}× the throughput, p99 ${(app.p99 / Math.max(peer.p99, 1)).toFixed(1)}× nginx's`,
    );
  } else {
    console.log("nginx: not found (apt-get install nginx-light), so there is no peer in this run");
  }
  const ok = app.requestsPerSecond >= 2000 && app.p99 < 50 && app.errors === 0 && app.non2xx === 0;
  console.log(`${ok ? "OK" : "FAILED"}: target ≥ 2,000 req/s with p99 < 50 ms, no errors`);
  process.exitCode = ok ? 0 : 1;
}

function startPostbag(dataDir: string): ChildProcess {
  return spawn(process.execPath, [join(ROOT, "bin", "postbag"), "serve"], {
    env: {
      ...process.env,
      POSTBAG_DATA: dataDir,
      PORT: String(APP_PORT),
      HOST: "127.0.0.1",
      POSTBAG_ADMIN_PASSWORD: "bench",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

function startNginx(root: string, work: string): ChildProcess | null {
  if (spawnSync("nginx", ["-v"]).error) return null;
  const conf = join(work, "nginx.conf");
  writeFileSync(
    conf,
    `worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${work}/nginx-body;
  proxy_temp_path ${work}/nginx-proxy;
  fastcgi_temp_path ${work}/nginx-fastcgi;
  uwsgi_temp_path ${work}/nginx-uwsgi;
  scgi_temp_path ${work}/nginx-scgi;
  etag on;
  server {
    listen 127.0.0.1:${NGINX_PORT};
    root ${root};
    index index.html;
  }
}
`,
  );
  return spawn("nginx", ["-c", conf, "-p", work, "-g", "daemon off;"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function waitFor(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within a minute`);
}
