// The request every method of the benchmark sends (the page and run.mjs share it).
export const PARAMS = {
  model: 'gpt-image-2',
  prompt: 'a red lighthouse on a rocky coast at dawn, calm ocean, seagulls',
  n: 10,
  size: '1536x1024',
  quality: 'low',
  output_format: 'png',
};
