// Enhances the native <audio controls>: a waveform that seeks (pointer and keyboard), a
// play/pause button and playback speeds. Without this script the native player works alone.
(function () {
  "use strict";

  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds || 0));
    var minutes = Math.floor(seconds / 60), rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function enhance(player) {
    var audio = player.querySelector("audio");
    var wave = player.querySelector("[data-waveform]");
    var play = player.querySelector("[data-play]");
    var time = player.querySelector("[data-time]");
    var bars = wave ? wave.querySelectorAll("span") : [];
    var labels = player.dataset;
    var known = parseFloat(labels.duration) || 0;

    function duration() { return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : known; }

    function seek(to) {
      var total = duration();
      if (!total) { return; }
      audio.currentTime = Math.min(Math.max(0, to), total);
      // Say the new position at once: "seeked" comes only when the bytes there have arrived.
      update();
    }

    function toggle() {
      if (audio.paused) { audio.play(); } else { audio.pause(); }
    }

    function update() {
      var total = duration(), now = audio.currentTime || 0;
      var share = total ? now / total : 0;
      var upTo = Math.round(share * bars.length);
      for (var i = 0; i < bars.length; i++) { bars[i].classList.toggle("played", i < upTo); }
      if (wave) {
        wave.setAttribute("aria-valuemax", String(Math.round(total)));
        wave.setAttribute("aria-valuenow", String(Math.round(now)));
        wave.setAttribute("aria-valuetext", clock(now) + " " + labels.labelOf + " " + clock(total));
      }
      if (time) { time.textContent = clock(now) + " / " + clock(total); }
    }

    function playing() {
      var on = !audio.paused;
      play.setAttribute("aria-pressed", on ? "true" : "false");
      play.textContent = on ? labels.labelPause : labels.labelPlay;
    }

    player.querySelectorAll("[data-controls]").forEach(function (el) { el.hidden = false; });
    if (wave) {
      wave.hidden = false;
      wave.addEventListener("click", function (event) {
        var box = wave.getBoundingClientRect();
        seek((event.clientX - box.left) / box.width * duration());
        wave.focus();
      });
      wave.addEventListener("keydown", function (event) {
        var steps = { ArrowRight: 5, ArrowUp: 5, ArrowLeft: -5, ArrowDown: -5, PageUp: 30, PageDown: -30 };
        if (event.key in steps) {
          seek(audio.currentTime + steps[event.key]);
        } else if (event.key === "Home") {
          seek(0);
        } else if (event.key === "End") {
          seek(duration());
        } else if (event.key === " " || event.key === "Enter" || event.key === "k") {
          toggle();
        } else {
          return;
        }
        event.preventDefault();
      });
    }
    play.addEventListener("click", toggle);
    player.querySelectorAll("[data-speed]").forEach(function (button) {
      button.addEventListener("click", function () {
        audio.playbackRate = parseFloat(button.dataset.speed);
        player.querySelectorAll("[data-speed]").forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
      });
    });
    ["timeupdate", "loadedmetadata", "seeked", "durationchange"].forEach(function (name) {
      audio.addEventListener(name, update);
    });
    ["play", "pause", "ended"].forEach(function (name) { audio.addEventListener(name, playing); });
    update();
  }

  document.querySelectorAll("[data-player]").forEach(enhance);
})();
