// The host's side of the iframe mode: messages to and from the generator,
// which answers only the origins listed in its `origins` parameter.
const GENERATOR = 'https://generator.example';
const frame = document.querySelector('#generator');
const button = document.querySelector('#make');

window.addEventListener('message', (event) => {
  if (event.origin !== GENERATOR || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (message.type === 'ready') {
    frame.contentWindow.postMessage({ type: 'configure', model: 'gpt-image-2', quality: 'low' }, GENERATOR);
    button.disabled = false;
  } else if (message.type === 'image') {
    const image = document.createElement('img');
    image.src = URL.createObjectURL(message.blob);
    image.alt = `${message.settings.prompt} (${message.mimeType})`;
    image.width = 160;
    const item = document.createElement('li');
    item.append(image);
    document.querySelector('#received').append(item);
  } else if (message.type === 'error') {
    console.warn(message.error.name, message.error.message);
  }
});

button.addEventListener('click', () => {
  const prompt = document.querySelector('#prompt').value;
  frame.contentWindow.postMessage({ type: 'generate', prompt }, GENERATOR);
});
