// The system clipboard in page tests (the browser context needs the
// `clipboard-read` and `clipboard-write` permissions).

/** Puts a `width` x `height` PNG on the system clipboard, as copying an image does. */
export const copyPng = (page, width, height) =>
  page.evaluate(
    async ([width, height]) => {
      const canvas = new OffscreenCanvas(width, height);
      canvas.getContext('2d').fillRect(0, 0, width, height);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
    },
    [width, height],
  );
