// Installs the service worker (sw.js) that lets the playground open without
// a network, and offers a new version when one is ready: "A new version is
// ready" with a Reload button, which switches every tab of the playground
// over at once. Not in the iframe mode (`?embed`): a host page's frame
// needs none of it.

const serviceWorker = navigator.serviceWorker;
if (serviceWorker && !new URLSearchParams(location.search).has('embed')) {
  // After the page has loaded: the worker's copy of the shell must not compete with the first load.
  addEventListener('load', () => serviceWorker.register('sw.js').then((registration) => {
    // None where the browser's owner blocks service workers (and in tests that do).
    if (!registration) return;
    // A version that finished installing while no page had accepted it.
    if (registration.waiting && serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && serviceWorker.controller) offer(worker);
      });
    });
  }, (error) => console.warn(`The playground will not open offline: ${error.message}`)));
  let reloading = false;
  serviceWorker.addEventListener('controllerchange', () => {
    if (reloading || !document.querySelector('.update-ready')) return;
    reloading = true;
    location.reload();
  });
}

/** Shows the offer of `worker`, the new version waiting to take over. */
function offer(worker) {
  if (document.querySelector('.update-ready')) return;
  const bar = document.createElement('div');
  bar.className = 'gpt-image update-ready';
  bar.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = 'A new version of the playground is ready.';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload';
  button.addEventListener('click', () => worker.postMessage('skip-waiting'));
  bar.append(text, button);
  document.body.append(bar);
}
