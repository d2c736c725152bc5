// Small progressive enhancements; every page works without them.
(function () {
  // Ticking server clock on the TOTP page, so users can compare it with their phone.
  var clock = document.getElementById('serverTime');
  if (clock && clock.dataset.epochMillis) {
    var offset = Number(clock.dataset.epochMillis) - Date.now();
    var pad = function (n) { return String(n).padStart(2, '0'); };
    setInterval(function () {
      var t = new Date(Date.now() + offset);
      clock.textContent = t.getUTCFullYear() + '-' + pad(t.getUTCMonth() + 1) + '-' + pad(t.getUTCDate()) + ' '
        + pad(t.getUTCHours()) + ':' + pad(t.getUTCMinutes()) + ':' + pad(t.getUTCSeconds()) + ' UTC';
    }, 1000);
  }
  // "Copy" buttons: copy the text of the element named by data-copy.
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var source = document.getElementById(button.dataset.copy);
      var text = Array.prototype.map.call(source.querySelectorAll('li'), function (li) { return li.textContent.trim(); }).join('\n');
      var result = document.getElementById('copyResult');
      navigator.clipboard.writeText(text).then(
        function () { if (result) { result.textContent = 'Copied.'; } },
        function () { if (result) { result.textContent = 'Copy failed: select the codes and copy them by hand.'; } });
    });
  });
})();
// A folded form whose submission failed opens again, so its messages are seen.
document.querySelectorAll('details').forEach(function (details) {
  if (details.querySelector('.ui-message-error')) {
    details.open = true;
  }
});
