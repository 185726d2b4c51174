// Test photos: JPEGs drawn in the page, and an EXIF block with a GPS position to put in them.

/** A JPEG of `width`×`height` drawn by the page's canvas. */
export async function makeJpeg(page, width, height) {
  const base64 = await page.evaluate(
    ([w, h]) => {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const context = canvas.getContext('2d');
      const gradient = context.createLinearGradient(0, 0, w, h);
      gradient.addColorStop(0, '#0b5d3b');
      gradient.addColorStop(1, '#ffbf47');
      context.fillStyle = gradient;
      context.fillRect(0, 0, w, h);
      context.fillStyle = '#fff';
      context.font = `${Math.round(h / 8)}px sans-serif`;
      context.fillText('Bangkok', w / 10, h / 2);
      return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
    },
    [width, height],
  );
  return Buffer.from(base64, 'base64');
}

/** A big-endian TIFF block for EXIF: IFD0 pointing to a GPS IFD with latitude 13°45'N. */
function gpsTiff() {
  const tiff = Buffer.alloc(80);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  // IFD0: one entry, GPSInfo (0x8825) → the GPS IFD at 26.
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x8825, 10);
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.writeUInt32BE(0, 22);
  // GPS IFD: GPSLatitudeRef "N" and GPSLatitude 13/1 45/1 0/1 (the rationals at 56).
  tiff.writeUInt16BE(2, 26);
  tiff.writeUInt16BE(1, 28);
  tiff.writeUInt16BE(2, 30);
  tiff.writeUInt32BE(2, 32);
  tiff.write('N\0', 36, 'latin1');
  tiff.writeUInt16BE(2, 40);
  tiff.writeUInt16BE(5, 42);
  tiff.writeUInt32BE(3, 44);
  tiff.writeUInt32BE(56, 48);
  tiff.writeUInt32BE(0, 52);
  [13, 1, 45, 1, 0, 1].forEach((value, at) => tiff.writeUInt32BE(value, 56 + at * 4));
  return tiff;
}

/** `jpeg` with an APP1 EXIF segment (GPS included) right after its start marker. */
export function exifJpeg(jpeg) {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), gpsTiff()]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/** Whether a JPEG has an APP1 EXIF segment before its image data. */
export function hasExif(jpeg) {
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1];
    if (marker === 0xda) break;
    if (marker === 0xe1 && jpeg.subarray(at + 4, at + 10).toString('latin1') === 'Exif\0\0') return true;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return false;
}

/** The pixel size in a JPEG's start-of-frame segment. */
export function jpegSize(jpeg) {
  let at = 2;
  while (at + 9 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1];
    if (marker >= 0xc0 && marker <= 0xc3) {
      return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
    }
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return null;
}
