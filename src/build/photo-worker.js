// Shrinks one photo off the main thread, for the story form (src/browser/photo.rs). The build
// copies it into the app as photo-worker.js.
//
// It only carries out what the app decided: the page decodes the picture (createImageBitmap,
// which the browser does off the main thread too), works out the size (domain::story) and
// sends the decoded picture here with the size, the JPEG qualities to try in order and the
// largest size allowed. This draws it on an OffscreenCanvas, on white (JPEG has no
// transparency), and encodes it as JPEG: only the pixels travel, so EXIF and any GPS position
// are left behind. The answer is the first encoding within the limit, in base64, or
// `tooLarge`; `unsupported` where this browser has no OffscreenCanvas, so the page does it
// itself.
self.onmessage = async (event) => {
  const { bitmap, width, height, qualities, maxBytes } = event.data;
  try {
    if (typeof OffscreenCanvas === 'undefined' || typeof FileReaderSync === 'undefined') {
      self.postMessage({ unsupported: true });
      return;
    }
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    for (const quality of qualities) {
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      if (blob.size <= maxBytes) {
        const url = new FileReaderSync().readAsDataURL(blob);
        self.postMessage({ data: url.slice(url.indexOf(',') + 1) });
        return;
      }
    }
    self.postMessage({ tooLarge: true });
  } catch (error) {
    self.postMessage({ failed: String(error) });
  }
};
