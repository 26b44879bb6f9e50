// The host's side of <gpt-image-generator>: each image the generator makes
// arrives as a Blob in an `image` event.
const generator = document.querySelector('gpt-image-generator');
// generator.apiKey = 'sk-…'; // a key is a property, never an attribute; without one, the base URL adds it

generator.addEventListener('image', (event) => {
  const { blob, mimeType, settings } = event.detail;
  const image = document.createElement('img');
  image.src = URL.createObjectURL(blob);
  image.alt = `${settings.prompt} (${mimeType})`;
  image.width = 160;
  const item = document.createElement('li');
  item.append(image);
  document.querySelector('#received').append(item);
});

generator.addEventListener('error', (event) => console.warn(event.detail.error.name, event.detail.error.message));
