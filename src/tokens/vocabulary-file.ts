// The binary file the bundle carries for each encoding (dist/<encoding>.vocab, written by scripts/vocabulary-plugin.ts):
// a Vocabulary's three arrays as they lie in memory, so a run reads ~4 MB and views them (~2 ms) where decoding
// base64 strings and hashing 200,000 tokens cost ~0.1-0.2 s of `git ai prompt`'s main thread.
//
// Layout, little-endian: "GAV1", then u32 token count, u32 hash-table slots, u32 token bytes; the table (i32 per
// slot), the offsets (u32, count + 1), the bytes. Every array starts at a multiple of 4 from the file's start.
import type { VocabularyTables } from './vocabulary.js';

const MAGIC = 0x31564147; // "GAV1" read as a little-endian u32
const HEADER_BYTES = 16;

export function encodeVocabularyFile(tables: VocabularyTables): Buffer {
  const { bytes, offsets, table } = tables;
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(offsets.length - 1, 4);
  header.writeUInt32LE(table.length, 8);
  header.writeUInt32LE(bytes.length, 12);
  const littleEndian = (array: Int32Array | Uint32Array) => {
    const out = Buffer.alloc(array.length * 4);
    array.forEach((value, index) => out.writeUInt32LE(value >>> 0, index * 4));
    return out;
  };
  return Buffer.concat([header, littleEndian(table), littleEndian(offsets), bytes]);
}

/** The tables in `file` (viewed, not copied, on a little-endian machine); an Error for a file that is not one. */
export function decodeVocabularyFile(file: Uint8Array): VocabularyTables {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const valid = file.byteLength >= HEADER_BYTES && view.getUint32(0, true) === MAGIC;
  const size = valid ? view.getUint32(4, true) : 0;
  const slots = valid ? view.getUint32(8, true) : 0;
  const byteCount = valid ? view.getUint32(12, true) : 0;
  const tableAt = HEADER_BYTES;
  const offsetsAt = tableAt + slots * 4;
  const bytesAt = offsetsAt + (size + 1) * 4;
  if (!valid || bytesAt + byteCount !== file.byteLength || slots === 0 || (slots & (slots - 1)) !== 0)
    throw new Error('the vocabulary file is damaged: reinstall git-ai');
  const table = words(file, tableAt, slots);
  return {
    table: new Int32Array(table.buffer, table.byteOffset, table.length),
    offsets: words(file, offsetsAt, size + 1),
    bytes: new Uint8Array(file.buffer, file.byteOffset + bytesAt, byteCount),
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** `length` u32s of `file` from `at`: a view where the machine's order and the alignment allow, else a copy. */
function words(file: Uint8Array, at: number, length: number): Uint32Array {
  const start = file.byteOffset + at;
  if (LITTLE_ENDIAN && start % 4 === 0) return new Uint32Array(file.buffer, start, length);
  const view = new DataView(file.buffer, start, length * 4);
  return Uint32Array.from({ length }, (_, index) => view.getUint32(index * 4, true));
}
