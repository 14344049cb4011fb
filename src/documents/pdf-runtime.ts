// pdf.js (inside unpdf) calls ArrayBuffer.prototype.transferToFixedLength,
// which Node.js has only from version 21. Without it pdf.js quietly draws
// empty pages and lists no operators. Node 20 gets the same behaviour here:
// a copy of the buffer's first `length` bytes (the original stays usable,
// which is all pdf.js relies on).

declare global {
  interface ArrayBuffer {
    transferToFixedLength?(length?: number): ArrayBuffer;
  }
}

if (typeof ArrayBuffer.prototype.transferToFixedLength !== "function") {
  Object.defineProperty(ArrayBuffer.prototype, "transferToFixedLength", {
    configurable: true,
    writable: true,
    value: function transferToFixedLength(this: ArrayBuffer, length = this.byteLength): ArrayBuffer {
      const copy = new ArrayBuffer(length);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
      return copy;
    },
  });
}

export {};
