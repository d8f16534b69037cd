/**
 * The "?" next to the search box: a native popover (light dismiss and Escape come free) that explains
 * query arithmetic.
 */
export function QueryHelp() {
  return (
    <>
      <button
        type="button"
        className="icon-button help-button"
        popoverTarget="query-help"
        aria-label="Query help"
      >
        ?
      </button>
      <div id="query-help" popover="auto" className="popover" role="dialog" aria-label="Query help">
        <h3>Searching</h3>
        <ul>
          <li>
            Type words or a question. <strong>Hybrid</strong> mixes meaning and exact words,{' '}
            <strong>Semantic</strong> finds related wording, <strong>Keyword</strong> matches the words
            themselves.
          </li>
          <li>
            <code>+phrase</code> adds a concept, <code>-phrase</code> takes one away:{' '}
            <code>+wing design -supersonic</code> looks for wing design but away from supersonic topics.
          </li>
          <li>
            Quotes group words into one part:{' '}
            <code>+&quot;boundary layer&quot; -&quot;heat transfer&quot;</code>.
          </li>
          <li>
            Keys: <kbd>/</kbd> focuses the box, <kbd>↑</kbd> <kbd>↓</kbd> pick a result, <kbd>Enter</kbd>{' '}
            opens it, <kbd>PageUp</kbd> <kbd>PageDown</kbd> turn pages in the viewer.
          </li>
        </ul>
      </div>
    </>
  );
}
