// channel-hub console: the little behaviour the pages need, loaded from this origin (no inline script is allowed).
document.addEventListener('click', function (event) {
  // copy buttons: <button class="copy" data-copy="#element-id">
  var copy = event.target.closest('[data-copy]');
  if (copy) {
    var source = document.querySelector(copy.getAttribute('data-copy'));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        copy.textContent = 'Copied';
      });
    }
    event.preventDefault();
  }
});
document.addEventListener('submit', function (event) {
  // forms that change much say so first: <form data-confirm="Offboard dealer-042?">
  var message = event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
