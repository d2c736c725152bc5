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
// Security keys and passkeys: a button with data-webauthn="create" or "get" asks the browser with the
// server's options (data-options), puts the answer in the hidden field data-answer names and clicks the
// button data-submit names. Nothing is sent when the browser or the key says no; data-status tells why.
document.querySelectorAll('[data-webauthn]').forEach(function (button) {
  var status = document.getElementById(button.dataset.status);
  var say = function (text) { if (status) { status.textContent = text; } };
  if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON) {
    button.disabled = true;
    say('This browser cannot use security keys or passkeys. Use another method, or a current browser.');
    return;
  }
  button.addEventListener('click', function () {
    var options = JSON.parse(button.dataset.options).publicKey;
    var ask = button.dataset.webauthn === 'create'
      ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
      : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    say('Follow your browser: touch your security key, or confirm with your device.');
    ask.then(function (credential) {
      document.getElementById(button.dataset.answer).value = JSON.stringify(credential.toJSON());
      say('Checking…');
      document.getElementById(button.dataset.submit).click();
    }, function () {
      say('Your security key did not answer (or you cancelled). Try again, or use another method.');
    });
  });
});
