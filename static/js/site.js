// Small enhancements; every page works without them.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  // Tell the server the visitor's time zone, so that it renders times in it.
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("tz=" + zone) === -1) {
      document.cookie = "tz=" + zone + ";path=/;max-age=31536000;samesite=lax";
    }
    document.querySelectorAll("time[data-local-time]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      el.textContent = new Intl.DateTimeFormat(lang, {
        dateStyle: "full", timeStyle: "short", timeZoneName: "short"
      }).format(when);
    });
  } catch (e) { /* older browsers keep the server's rendering */ }

  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  var form = document.querySelector("form[data-story-form]");
  if (form) { enhanceStoryForm(form); }
  if (window.STATUS_URL) { pollStates(window.STATUS_URL); }

  function enhanceStoryForm(form) {
    var text = window.STORY_MESSAGES || {};
    var formats = form.querySelectorAll("input[name=format]");
    function showFormat() {
      var chosen = form.querySelector("input[name=format]:checked");
      form.querySelectorAll("[data-format-section]").forEach(function (section) {
        section.hidden = chosen ? section.getAttribute("data-format-section") !== chosen.value : false;
      });
    }
    formats.forEach(function (input) { input.addEventListener("change", showFormat); });
    showFormat();

    var body = form.querySelector("textarea[data-word-limit]");
    var counter = form.querySelector("[data-word-count]");
    if (body && counter) {
      var limit = parseInt(body.getAttribute("data-word-limit"), 10);
      var count = function () {
        var words = body.value.trim() ? body.value.trim().split(/\s+/).length : 0;
        counter.hidden = false;
        counter.textContent = format(text.words, { count: words.toLocaleString(lang), limit: limit.toLocaleString(lang) }) +
          (words > limit ? " — " + text.tooManyWords : "");
        counter.classList.toggle("over", words > limit);
      };
      body.addEventListener("input", count);
      count();
    }

    form.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
      input.addEventListener("change", function () { checkFile(input); });
    });

    function fileError(input, message) {
      var slot = input.parentNode.querySelector("[data-file-error]");
      if (slot) { slot.textContent = message || ""; slot.hidden = !message; }
      input.setCustomValidity(message || "");
    }

    function checkFile(input) {
      fileError(input, "");
      var file = input.files && input.files[0];
      if (!file) { return; }
      var max = parseInt(input.getAttribute("data-max-bytes"), 10);
      if (file.size > max) {
        fileError(input, format(text.fileTooBig, {
          size: (file.size / 1048576).toFixed(1), limit: Math.round(max / 1048576)
        }));
        return;
      }
      if (input.name !== "audio_file") { return; }
      var maxSeconds = parseInt(input.getAttribute("data-max-seconds"), 10);
      var minSeconds = parseInt(input.getAttribute("data-min-seconds"), 10);
      var url = URL.createObjectURL(file);
      var probe = new Audio();
      probe.preload = "metadata";
      probe.onloadedmetadata = function () {
        var seconds = probe.duration;
        URL.revokeObjectURL(url);
        // Browser recordings often report no duration until played: the server checks those.
        if (!isFinite(seconds)) { return; }
        if (seconds > maxSeconds) {
          fileError(input, format(text.tooLong, { seconds: Math.round(seconds), limit: maxSeconds }));
        } else if (seconds < minSeconds) {
          fileError(input, format(text.tooShort, { seconds: Math.round(seconds), limit: minSeconds }));
        }
      };
      probe.onerror = function () { URL.revokeObjectURL(url); };
      probe.src = url;
    }

    // Send with XMLHttpRequest to show upload progress; the server answers as it would
    // to a plain form post (a redirect, or the page again with its errors).
    var sending = false;
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.XMLHttpRequest) { return; }
      event.preventDefault();
      if (sending) { return; }
      sending = true;
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) { data.append(event.submitter.name, event.submitter.value); }
      var buttons = form.querySelectorAll("button[type=submit]");
      buttons.forEach(function (b) { b.disabled = true; });
      var box = form.querySelector("[data-progress]");
      var bar = box && box.querySelector("progress");
      var label = box && box.querySelector("[data-progress-text]");
      var sendError = form.querySelector("[data-send-error]");
      sendError.hidden = true;
      // Not form.action: the buttons are named "action", which shadows the property.
      var actionUrl = new URL(form.getAttribute("action") || "", window.location.href).href;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", actionUrl);
      xhr.setRequestHeader("Accept", "text/html");
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable || !box) { return; }
        box.hidden = false;
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        label.textContent = percent.toLocaleString(lang) + "%";
      });
      function failed() {
        sending = false;
        buttons.forEach(function (b) { b.disabled = false; });
        if (box) { box.hidden = true; }
        sendError.textContent = text.sendFailed;
        sendError.hidden = false;
      }
      xhr.onerror = failed;
      xhr.ontimeout = failed;
      xhr.onload = function () {
        if (xhr.status >= 500 || xhr.status === 0) { failed(); return; }
        var target = xhr.responseURL;
        if (target && target.split("#")[0] !== actionUrl.split("#")[0]) {
          window.location.assign(target);
          return;
        }
        document.open();
        document.write(xhr.responseText);
        document.close();
        if (target) { window.history.replaceState(null, "", target); }
      };
      xhr.send(data);
    });
  }

  function pollStates(url) {
    var waiting = function () {
      return document.querySelectorAll('[data-audio-state]').length &&
        Array.prototype.some.call(document.querySelectorAll("[data-audio-state]"), function (el) {
          return /state-(pending|processing)/.test(el.className);
        });
    };
    if (!waiting()) { return; }
    var timer = setInterval(function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          data.stories.forEach(function (row) {
            var el = document.querySelector('[data-audio-state="' + row.id + '"]');
            if (!el) { return; }
            el.className = "state state-" + row.state;
            el.textContent = row.label;
            var note = document.querySelector('[data-audio-message="' + row.id + '"]');
            if (note) { note.textContent = row.message; }
            var failed = document.querySelector('[data-audio-failed="' + row.id + '"]');
            if (failed) { failed.hidden = row.state !== "failed"; }
            var player = document.querySelector('[data-audio-player="' + row.id + '"]');
            if (player && row.state === "ready" && row.audio_url) {
              var sound = player.querySelector("audio");
              if (sound.getAttribute("src") !== row.audio_url) { sound.setAttribute("src", row.audio_url); }
              if (row.waveform_url) { player.querySelector("img").setAttribute("src", row.waveform_url); }
              player.hidden = false;
            }
          });
          if (!waiting()) { clearInterval(timer); }
        })
        .catch(function () { /* try again at the next tick */ });
    }, 4000);
  }
})();
