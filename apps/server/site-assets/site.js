/* global document, window, location */
// The public site's only script (docs/site.md): the cookie consent and the contact form's fetch.
// Plain ES2017, no build step; the CSP allows no inline script, so settings come as data attributes.
(function () {
  'use strict';
  var COOKIE = 'jimmy_consent';
  // Bump when the categories change: an older choice no longer counts and the banner asks again.
  var VERSION = 1;
  var MAX_AGE = 60 * 60 * 24 * 182;
  var OPTIONAL = ['preferences', 'analytics', 'marketing'];

  function readConsent() {
    var match = document.cookie.match(/(?:^|;\s*)jimmy_consent=([^;]+)/);
    if (!match) return null;
    try {
      var value = JSON.parse(decodeURIComponent(match[1]));
      return value && value.v === VERSION && value.c ? value : null;
    } catch (e) {
      return null;
    }
  }

  function writeConsent(categories) {
    var value = { v: VERSION, c: categories, d: new Date().toISOString() };
    var secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = COOKIE + '=' + encodeURIComponent(JSON.stringify(value)) + '; Max-Age=' + MAX_AGE + '; Path=/; SameSite=Lax' + secure;
    return value;
  }

  var analyticsLoaded = false;
  function applyConsent(consent) {
    var body = document.body;
    var id = body.getAttribute('data-analytics-id');
    var src = body.getAttribute('data-analytics-src');
    if (!consent || !consent.c.analytics || !id || !src || analyticsLoaded) return;
    analyticsLoaded = true;
    var script = document.createElement('script');
    script.defer = true;
    script.src = src;
    script.setAttribute('data-domain', id);
    document.head.appendChild(script);
  }

  function setupConsent() {
    var banner = document.getElementById('consent');
    if (!banner) return;
    var details = document.getElementById('consent-details');
    var saveButton = banner.querySelector('[data-consent="save"]');
    var customizeButton = banner.querySelector('[data-consent="customize"]');
    var lastFocus = null;

    function box(name) {
      return details.querySelector('input[name="' + name + '"]');
    }
    function open(showDetails) {
      var current = readConsent();
      OPTIONAL.forEach(function (name) {
        box(name).checked = !!(current && current.c[name]);
      });
      details.hidden = !showDetails;
      saveButton.hidden = !showDetails;
      customizeButton.hidden = showDetails;
      lastFocus = document.activeElement;
      banner.hidden = false;
      var first = banner.querySelector(showDetails ? 'input[name="preferences"]' : 'button');
      if (first) first.focus();
    }
    function close(categories) {
      applyConsent(writeConsent(categories));
      banner.hidden = true;
      if (lastFocus && lastFocus.focus && lastFocus !== document.body) lastFocus.focus();
    }
    function all(value) {
      var c = {};
      OPTIONAL.forEach(function (name) {
        c[name] = value;
      });
      return c;
    }

    banner.addEventListener('click', function (event) {
      var action = event.target.closest ? event.target.closest('[data-consent]') : null;
      if (!action) return;
      var kind = action.getAttribute('data-consent');
      if (kind === 'accept') close(all(true));
      else if (kind === 'reject') close(all(false));
      else if (kind === 'customize') open(true);
      else if (kind === 'save') {
        var c = {};
        OPTIONAL.forEach(function (name) {
          c[name] = box(name).checked;
        });
        close(c);
      }
    });
    banner.addEventListener('keydown', function (event) {
      // Escape leaves the banner open only when no choice exists yet: an answer is required once.
      if (event.key === 'Escape' && readConsent()) {
        banner.hidden = true;
        if (lastFocus && lastFocus.focus) lastFocus.focus();
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-consent-open]'), function (button) {
      button.addEventListener('click', function () {
        open(true);
      });
    });

    var consent = readConsent();
    if (consent) applyConsent(consent);
    else {
      banner.hidden = false;
    }
  }

  function setupForm() {
    var form = document.querySelector('form[data-testid="contact-form"]');
    if (!form || !window.fetch) return;
    form.noValidate = true;
    var status = form.querySelector('.status');
    var button = form.querySelector('button[type="submit"]');
    var label = button.textContent;

    function fieldError(name, message) {
      var input = form.elements[name];
      var slot = document.getElementById('f-' + name + '-err');
      if (input) input.setAttribute('aria-invalid', message ? 'true' : 'false');
      if (slot) slot.textContent = message || '';
    }
    function say(text, ok) {
      status.textContent = text;
      status.className = 'status ' + (ok ? 'ok' : 'bad');
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var data = {};
      ['name', 'whatsapp', 'company', 'message', 'lang'].forEach(function (name) {
        var value = (form.elements[name].value || '').trim();
        if (value) data[name] = value;
      });
      var digits = (data.whatsapp || '').replace(/\D/g, '');
      var bad = false;
      fieldError('name', data.name ? '' : form.getAttribute('data-error-name'));
      // A first check only (10 to 15 digits); the server checks the number itself with libphonenumber.
      fieldError('whatsapp', digits.length >= 10 && digits.length <= 15 ? '' : form.getAttribute('data-error-whatsapp'));
      if (!data.name) bad = true;
      if (digits.length < 10 || digits.length > 15) bad = true;
      say('', true);
      if (bad) {
        var invalid = form.querySelector('[aria-invalid="true"]');
        if (invalid) invalid.focus();
        return;
      }
      button.disabled = true;
      button.textContent = form.getAttribute('data-sending');
      fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(data),
      })
        .then(function (response) {
          return response.json().then(
            function (body) {
              return { status: response.status, body: body };
            },
            function () {
              return { status: response.status, body: {} };
            },
          );
        })
        .then(function (result) {
          if (result.status === 201) {
            form.reset();
            say(result.body.message, true);
            return;
          }
          var fields = (result.body.error && result.body.error.fields) || {};
          if (fields.whatsapp) fieldError('whatsapp', form.getAttribute('data-error-whatsapp'));
          if (fields.name) fieldError('name', form.getAttribute('data-error-name'));
          say(form.getAttribute(result.status === 429 ? 'data-error-rate' : 'data-error-generic'), false);
        })
        .catch(function () {
          say(form.getAttribute('data-error-generic'), false);
        })
        .then(function () {
          button.disabled = false;
          button.textContent = label;
        });
    });
  }

  function start() {
    setupConsent();
    setupForm();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
