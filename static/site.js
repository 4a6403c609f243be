/* Trust center: progressive enhancement only. Every page is complete without this script; it adds
   a language pick on "/", relative times next to dates, and filters for the control list. */
(function () {
  'use strict';
  var doc = document;
  var root = doc.documentElement;

  // "/" only: go to the visitor's language (the page itself links to both and refreshes to Spanish).
  if (root.hasAttribute('data-chooser')) {
    var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < prefs.length; i++) {
      var primary = String(prefs[i]).toLowerCase().split('-')[0];
      if (primary === 'es' || primary === 'en') {
        window.location.replace('/' + primary + '/');
        return;
      }
    }
    return;
  }

  var lang = root.getAttribute('lang') || 'es';

  function relativeTimes() {
    if (!window.Intl || !Intl.RelativeTimeFormat) {
      return;
    }
    var format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    var units = [['year', 31536e6], ['month', 2592e6], ['week', 6048e5], ['day', 864e5], ['hour', 36e5], ['minute', 6e4]];
    var times = doc.querySelectorAll('time[data-relative]');
    var now = Date.now();
    for (var i = 0; i < times.length; i++) {
      var at = Date.parse(times[i].getAttribute('datetime'));
      if (isNaN(at)) {
        continue;
      }
      var diff = at - now;
      var text = null;
      for (var u = 0; u < units.length; u++) {
        if (Math.abs(diff) >= units[u][1] || units[u][0] === 'minute') {
          text = format.format(Math.round(diff / units[u][1]), units[u][0]);
          break;
        }
      }
      var span = doc.createElement('span');
      span.className = 'rel';
      span.textContent = ' (' + text + ')';
      times[i].parentNode.insertBefore(span, times[i].nextSibling);
    }
  }

  function filters() {
    var form = doc.querySelector('form.filters');
    if (!form) {
      return;
    }
    var status = form.querySelector('select[name="status"]');
    var category = form.querySelector('select[name="category"]');
    var count = doc.querySelector('.filter-count');
    var sections = doc.querySelectorAll('.category');
    function apply() {
      var shown = 0;
      var total = 0;
      for (var s = 0; s < sections.length; s++) {
        var section = sections[s];
        var inCategory = !category.value || section.getAttribute('data-category') === category.value;
        var controls = section.querySelectorAll('li.control');
        var visible = 0;
        for (var c = 0; c < controls.length; c++) {
          total++;
          var show = inCategory && (!status.value || controls[c].getAttribute('data-status') === status.value);
          controls[c].hidden = !show;
          if (show) {
            visible++;
          }
        }
        section.hidden = visible === 0;
        if (status.value || category.value) {
          section.open = true; // a chosen filter shows its controls, not closed groups
        }
        shown += visible;
      }
      if (count) {
        count.textContent = (count.getAttribute('data-template') || '')
          .replace('{0}', String(shown)).replace('{1}', String(total));
      }
    }
    form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
    status.addEventListener('change', apply);
    category.addEventListener('change', apply);
    form.hidden = false;
  }

  relativeTimes();
  filters();
})();
