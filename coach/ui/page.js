() => {
  // The page's small enhancements, run once when the app loads (launch(js=...)).
  // Markdown stays the single source of every table: this only annotates what Gradio
  // rendered, and re-runs whenever a component re-renders (a new answer, a new report).

  // 1. Stacked cards on narrow screens (style.css) need each cell to know its column's
  //    name: data-label from the table's own header row. Explicit roles keep the table's
  //    semantics for screen readers once CSS turns its rows into blocks.
  const labelTable = (table) => {
    const heads = [...table.querySelectorAll(":scope > thead > tr > th")].map((th) =>
      th.textContent.trim()
    );
    if (!heads.length) return;
    table.classList.add("coach-cards");
    table.setAttribute("role", "table");
    for (const group of table.querySelectorAll(":scope > thead, :scope > tbody")) {
      group.setAttribute("role", "rowgroup");
    }
    for (const row of table.querySelectorAll(":scope > thead > tr, :scope > tbody > tr")) {
      row.setAttribute("role", "row");
    }
    for (const th of table.querySelectorAll(":scope > thead > tr > th")) {
      th.setAttribute("role", "columnheader");
    }
    for (const row of table.querySelectorAll(":scope > tbody > tr")) {
      [...row.children].forEach((cell, i) => {
        cell.setAttribute("role", "cell");
        if (heads[i]) cell.dataset.label = heads[i];
        else delete cell.dataset.label; // an unnamed column is the row's name: the card's title
      });
    }
  };

  // 2. Gradio's folding tool steps put an unnamed icon button inside a div that is
  //    itself a button: screen readers meet a nameless button, and Tab stops twice for one
  //    action. The outer one has the title, a tab stop and the keyboard handling; the
  //    arrow is decoration, so it is made inert (a click on it reaches the outer one).
  const quietNestedButtons = (root) => {
    for (const inner of root.querySelectorAll('.thought-group [role="button"] button')) {
      inner.inert = true;
    }
  };

  // 3. A box that scrolls sideways (a wide table, a chart on a phone) takes the keyboard
  //    focus, so it can be scrolled with the arrow keys; one that fits does not.
  //    The passages panel scrolls up and down beside the chat: the same holds for it.
  const SCROLLERS = ".prose table, .matplotlib, #coach-sources";
  const focusScrollers = () => {
    for (const box of document.querySelectorAll(SCROLLERS)) {
      const scrolls =
        box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      if (scrolls) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    }
  };

  const enhance = () => {
    for (const table of document.querySelectorAll(".prose table")) labelTable(table);
    quietNestedButtons(document);
    focusScrollers();
  };

  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      enhance();
    });
  }).observe(document.body, { childList: true, subtree: true });
  enhance();
  addEventListener("resize", focusScrollers);

  // 4. Tabs by keyboard as the WAI-ARIA tabs pattern has them: the arrow keys, Home and
  //    End move between tabs and open the one reached (Gradio's tabs answer clicks only).
  document.addEventListener("keydown", (event) => {
    const tab = event.target.closest?.('[role="tab"]');
    if (!tab) return;
    const tabs = [...tab.parentElement.querySelectorAll('[role="tab"]:not([disabled])')];
    const at = tabs.indexOf(tab);
    const next = {
      ArrowRight: tabs[(at + 1) % tabs.length],
      ArrowLeft: tabs[(at - 1 + tabs.length) % tabs.length],
      Home: tabs[0],
      End: tabs[tabs.length - 1],
    }[event.key];
    if (!next) return;
    event.preventDefault();
    next.focus();
    next.click();
  });

  // 5. Citations that open: a citation in an answer links to its passage in the panel
  //    (#coach-sources). Beside the chat (a laptop), only the panel scrolls, so the
  //    answer stays in view; stacked under it (a phone), the page goes to the passage and
  //    a "Back to the answer" button returns to where the reader was. The opened passage
  //    is marked until another one opens.
  const back = document.createElement("button");
  back.type = "button";
  back.id = "coach-cite-back";
  back.textContent = "↩ Back to the answer";
  back.hidden = true;
  let returnTo = 0;
  back.addEventListener("click", () => {
    back.hidden = true;
    window.scrollTo({ top: returnTo, behavior: "smooth" });
  });
  document.body.append(back);

  document.addEventListener("click", (event) => {
    const link = event.target.closest?.('a[href^="#src-"]');
    if (!link) return;
    const panel = document.getElementById("coach-sources");
    const anchor = document.getElementById(link.getAttribute("href").slice(1));
    if (!panel || !anchor) return;
    event.preventDefault();
    const block = anchor.closest("p") || anchor;
    for (const old of panel.querySelectorAll(".cite-open")) old.classList.remove("cite-open");
    const heading = block.nextElementSibling;
    block.classList.add("cite-open");
    if (heading) heading.classList.add("cite-open");
    // The panel's own scrolling box: the nearest one between the passage and the panel.
    let scroller = block.parentElement;
    while (scroller && scroller !== panel.parentElement) {
      const style = getComputedStyle(scroller);
      if (/(auto|scroll)/.test(style.overflowY) && scroller.scrollHeight > scroller.clientHeight)
        break;
      scroller = scroller.parentElement;
    }
    const chat = document.getElementById("coach-chat");
    const beside =
      chat && panel.getBoundingClientRect().left >= chat.getBoundingClientRect().right - 1;
    if (beside && scroller && scroller !== panel.parentElement) {
      const offset = block.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      scroller.scrollTo({ top: scroller.scrollTop + offset, behavior: "smooth" });
    } else {
      returnTo = window.scrollY;
      block.scrollIntoView({ behavior: "smooth", block: "start" });
      back.hidden = false;
    }
    (heading || block).setAttribute("tabindex", "-1");
    (heading || block).focus({ preventScroll: true });
  });
}
