// Stand-in page: one generation request to the server this page came from.
const form = document.getElementById('generate');
const status = document.getElementById('status');
const images = document.getElementById('images');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const fields = new FormData(form);
  const body = {
    prompt: fields.get('prompt'),
    model: fields.get('model'),
    size: fields.get('size'),
    n: Number(fields.get('n')),
  };
  status.textContent = 'Generating…';
  const started = performance.now();
  try {
    const response = await fetch('v1/images/generations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(json.error?.message ?? `HTTP ${response.status}`);
    images.replaceChildren(...json.data.map((image) => {
      const img = document.createElement('img');
      img.src = image.url ?? `data:image/${json.output_format ?? 'png'};base64,${image.b64_json}`;
      img.alt = image.revised_prompt ?? body.prompt;
      return img;
    }));
    status.textContent = `${json.data.length} image(s) in ${Math.round(performance.now() - started)} ms`;
  } catch (error) {
    status.textContent = error.message;
  }
});
