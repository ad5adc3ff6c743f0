/* Candidate owners in the coverage workbench's panel (api/rest/owners.py computes them; the page embeds them
   by theme in #cv-data.owners): who could own a theme, or a theme in one programme, ranked, each with the items
   and quotes it rests on. coverage.js calls window.ltkgOwners.block(). */
(function () {
  "use strict";
  var TIER = {programme: "in this programme", theme: "on this theme", related: "on a related theme"};
  var ROLE = {lead: "leads", responsible: "responsible", partner: "partner", commissioner: "commissioner",
              consulted: "consulted", contributor: "contributes", involved: "involved",
              initiator: "initiator of the programme"};
  function programmeName(id) { return {"langer-thuis": "Langer Thuis", wozo: "WOZO", iza: "IZA", gala: "GALA", taz: "TAZ"}[id] || id; }

  function scoreText(entry) {
    var by = entry.scores || {};
    var parts = [["programme", "in this programme"], ["theme", "on the theme"], ["related", "on related themes"]]
      .filter(function (t) { return by[t[0]]; }).map(function (t) { return by[t[0]] + " " + t[1]; });
    return "score " + (parts.length > 1 ? entry.score + " (" + parts.join(", ") + ")" : entry.score);
  }
  // h: the workbench's helpers {el, sourceList, entityHref, itemKind}
  function candidate(h, entry, items, theme) {
    var li = h.el("li", {className: "cv-owner", "data-party": entry.party.id}, [
      h.el("a", {href: h.entityHref("party", entry.party.id), lang: "nl", text: entry.party.name}), " ",
      h.el("span", {className: "cv-tier t-" + entry.tier, text: TIER[entry.tier]}), " ",
      h.el("span", {className: "muted", text: (entry.roles || []).map(function (r) { return ROLE[r] || r; }).join(", ") +
        " · " + scoreText(entry)})]);
    if (items && items.length) {
      var list = h.el("ul", {className: "cv-owner-items"}, items.map(function (i) {
        var other = i.theme !== theme ? [" ", h.el("span", {className: "muted", text: "(related theme " + i.theme + ")"})] : [];
        return h.el("li", {}, [
          h.el("a", {href: h.entityHref(h.itemKind(i.type), i.id), text: programmeName(i.programme) + " " + (i.notation || i.id)}), " ",
          h.el("span", {lang: "nl", text: i.name || ""}), " — ",
          h.el("span", {className: "muted", text: i.roles.map(function (r) { return ROLE[r] || r; }).join(", ")})]
          .concat(other).concat([h.sourceList(i.sources)]));
      }));
      var more = entry.itemsTotal > items.length ? " (" + items.length + " of " + entry.itemsTotal + " shown)" : "";
      li.appendChild(h.el("details", {}, [h.el("summary", {text: "why: " + (entry.itemsTotal || items.length) + " item(s)" + more}), list]));
    }
    return li;
  }

  // The panel's section for a row (programme null) or a cell.
  function block(h, data, theme, programme, themeName) {
    var found = data.owners[theme];
    var box = h.el("section", {className: "cv-owners", "aria-labelledby": "cv-owners-title"}, [
      h.el("h3", {id: "cv-owners-title", text: "Who could own this? Candidate owners" + (programme ? " (" + programmeName(programme) + " first)" : "")}),
      h.el("details", {className: "cv-method"}, [
        h.el("summary", {}, [h.el("span", {className: "cv-badge computed", text: "computed"}), " by this project, not the documents' claim: how"]),
        h.el("p", {text: data.ownersMethod}), h.el("a", {href: "/glossary#candidate-owner", text: "Glossary: candidate owner"})])]);
    if (!found || !found.owners.length) {
      box.appendChild(h.el("p", {className: "muted", text: "No party carries an item on this theme or a related one."}));
      return box;
    }
    var byParty = {};
    found.owners.forEach(function (o) { byParty[o.party.id] = o; });
    var entries;
    if (programme && found.cells[programme]) {
      entries = found.cells[programme].map(function (c) {
        var row = byParty[c.party] || {party: {id: c.party, name: c.name}, roles: [], items: [], itemsTotal: 0};
        var items = row.items;
        if (c.items) items = items.filter(function (i) { return c.items.indexOf(i.id) >= 0; });
        return {entry: {party: row.party, tier: c.tier, score: c.score, scores: c.tier === "programme" ? {programme: c.score} : row.scores, roles: row.roles, itemsTotal: c.items ? c.items.length : row.itemsTotal}, items: items};
      });
    } else {
      entries = found.owners.map(function (o) { return {entry: o, items: o.items}; });
    }
    box.appendChild(h.el("ol", {className: "cv-owner-list"}, entries.map(function (e) { return candidate(h, e.entry, e.items, theme); })));
    if (found.total > found.owners.length)
      box.appendChild(h.el("p", {className: "muted", text: found.owners.length + " of " + found.total + " candidates shown, the highest ranked."}));
    return box;
  }
  window.ltkgOwners = {block: block};
})();
