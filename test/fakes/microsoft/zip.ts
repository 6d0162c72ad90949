// Reads one file out of a zip archive (stored or deflated entries): enough to take manifest.json out of a Teams
// app package the way the Teams app catalog does.
import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function readZipEntry(zip: Buffer, wanted: string): Buffer | null {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i -= 1) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count && offset + 46 <= zip.length; n += 1) {
    if (zip.readUInt32LE(offset) !== CENTRAL) return null;
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    if (name.toLowerCase() === wanted.toLowerCase()) return entryData(zip, localOffset, method, compressedSize);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

function entryData(zip: Buffer, localOffset: number, method: number, compressedSize: number): Buffer | null {
  if (zip.readUInt32LE(localOffset) !== LOCAL) return null;
  const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  const data = zip.subarray(start, start + compressedSize);
  if (method === 0) return Buffer.from(data);
  if (method === 8) return inflateRawSync(data);
  return null;
}
