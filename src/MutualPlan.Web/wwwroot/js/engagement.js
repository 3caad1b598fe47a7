// Engagement of a buyer on the shared plan: counts the seconds the page is visible and the person
// active (input within the last minute), and which sections are on screen meanwhile, and reports
// them every 15 seconds (data-report-seconds, from the Engagement:ReportSeconds setting) and when
// the page is hidden. The server caps what it believes.
(() => {
    const script = document.currentScript;
    const url = script && script.dataset.engagement;
    if (!url || !('IntersectionObserver' in window)) return;
    const csrf = document.querySelector('meta[name="csrf-token"]')?.content || '';
    const IDLE_MS = 60000, TICK_MS = 1000, MAX_STEP_MS = 2000;
    const REPORT_MS = Math.max(1, Number(script.dataset.reportSeconds) || 15) * 1000;

    let lastInput = Date.now();
    let lastTick = Date.now();
    let activeMs = 0;
    const sectionMs = {};
    // The elements on screen, not their keys: one section can appear twice (the milestones, and the
    // milestones again in "The whole plan"), and the hidden copy must not cancel the visible one.
    const onScreen = new Set();

    const isActive = now => document.visibilityState === 'visible' && now - lastInput < IDLE_MS;

    // A section is on screen when half of it is visible, or when it fills much of the screen (long tables).
    const observer = new IntersectionObserver(entries => {
        for (const e of entries) {
            const view = e.rootBounds ? e.rootBounds.height : window.innerHeight;
            const seen = e.isIntersecting && (e.intersectionRatio >= 0.5 || e.intersectionRect.height >= view * 0.4);
            if (seen) onScreen.add(e.target); else onScreen.delete(e.target);
        }
    }, { threshold: [0, 0.1, 0.25, 0.4, 0.5, 0.75, 1] });
    const watch = () => {
        observer.disconnect();
        onScreen.clear();
        document.querySelectorAll('[data-section]').forEach(el => observer.observe(el));
    };
    watch();
    // Parts of the page are replaced when the plan changes (live updates, htmx): watch the new ones.
    let rescan = 0;
    new MutationObserver(records => {
        const touchesSections = records.some(r => [...r.addedNodes, ...r.removedNodes].some(n =>
            n.nodeType === 1 && (n.matches('[data-section]') || n.querySelector('[data-section]'))));
        if (touchesSections && !rescan) rescan = setTimeout(() => { rescan = 0; watch(); }, 50);
    }).observe(document.body, { childList: true, subtree: true });

    const tick = () => {
        const now = Date.now();
        // Timers of background tabs are throttled: a long gap is not counted as activity.
        const step = Math.min(now - lastTick, MAX_STEP_MS);
        lastTick = now;
        if (!isActive(now)) return;
        activeMs += step;
        for (const key of new Set([...onScreen].map(el => el.dataset.section))) sectionMs[key] = (sectionMs[key] || 0) + step;
    };

    const report = (leaving) => {
        tick();
        const active = Math.floor(activeMs / 1000);
        if (active < 1) return;
        const sections = {};
        for (const [key, ms] of Object.entries(sectionMs)) {
            const s = Math.floor(ms / 1000);
            if (s >= 1) { sections[key] = s; sectionMs[key] = ms - s * 1000; }
        }
        activeMs -= active * 1000;
        fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            keepalive: !!leaving,
            headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': csrf },
            body: JSON.stringify({ active, sections }),
        }).catch(() => { /* offline: this report is lost, the next one counts again */ });
    };

    const touched = () => { lastInput = Date.now(); };
    for (const name of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'scroll', 'touchstart']) {
        window.addEventListener(name, touched, { passive: true, capture: true });
    }
    document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') report(true);
        else { lastTick = Date.now(); touched(); }
    });
    window.addEventListener('pagehide', () => report(true));
    setInterval(tick, TICK_MS);
    setInterval(() => report(false), REPORT_MS);
    window.mpEngagement = { report: () => report(false) };
})();
