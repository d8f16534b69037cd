import type { KeyboardEvent, Ref } from 'react';
import type { DocumentKind, SourceSummary } from '../../../shared/api/methods/library';
import type { SearchMode } from '../../../shared/api/methods/search';
import type { TopicModelSummary } from '../../../shared/api/methods/topics';
import { KindSelect } from '../components/KindSelect';
import { topicChoiceLabel, type TopicChoice } from '../components/topicChoice';
import { TopicSelect } from '../components/TopicSelect';
import { searchModes } from '../components/vocabulary';
import { QueryHelp } from './QueryHelp';

export interface SearchFilterState {
  source: string;
  kind: DocumentKind | '';
  pathPrefix: string;
  /** '' or a topic / sub-topic of the library's topic model (see topicChoice.ts). */
  topic: TopicChoice;
}

export type SearchGrouping = 'document' | 'chunk';

const groupingLabels: Record<SearchGrouping, string> = { document: 'By document', chunk: 'By passage' };

const modeLabels: Record<SearchMode, string> = { hybrid: 'Hybrid', semantic: 'Semantic', keyword: 'Keyword' };

/** The search box, the mode switch and the filters (source, kind, topic, folder prefix). */
export function SearchControls(props: {
  inputRef: Ref<HTMLInputElement>;
  q: string;
  onQ: (q: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  mode: SearchMode;
  onMode: (m: SearchMode) => void;
  groupBy: SearchGrouping;
  onGroupBy: (g: SearchGrouping) => void;
  filters: SearchFilterState;
  onFilters: (f: SearchFilterState) => void;
  sources: SourceSummary[];
  /** The library's topic model (null while it loads or the library is empty). */
  topics: TopicModelSummary | null;
  activeOption: string | undefined;
  /** Is the results grid on screen (the combobox's popup)? */
  hasResults: boolean;
  loading: boolean;
}) {
  const { filters, onFilters } = props;
  return (
    <div className="search-controls">
      <div className="search-row">
        <label htmlFor="search-box" className="visually-hidden">
          Search your library
        </label>
        <input
          ref={props.inputRef}
          id="search-box"
          type="search"
          role="combobox"
          // The results grid exists only while there are results to point at.
          aria-expanded={props.hasResults}
          aria-controls={props.hasResults ? 'search-results' : undefined}
          aria-activedescendant={props.activeOption}
          aria-autocomplete="list"
          aria-keyshortcuts="/"
          placeholder="Search your library  ( / )"
          autoComplete="off"
          spellCheck={false}
          value={props.q}
          onChange={(e) => props.onQ(e.target.value)}
          onKeyDown={props.onKeyDown}
          aria-busy={props.loading}
        />
        <QueryHelp />
      </div>
      <div className="search-options">
        <div className="segmented" role="radiogroup" aria-label="Search mode">
          {searchModes.map((m) => (
            <label key={m} className={props.mode === m ? 'checked' : undefined}>
              <input
                type="radio"
                name="search-mode"
                value={m}
                checked={props.mode === m}
                onChange={() => props.onMode(m)}
              />
              {modeLabels[m]}
            </label>
          ))}
        </div>
        <div className="segmented" role="radiogroup" aria-label="Results">
          {(['document', 'chunk'] as const).map((g) => (
            <label key={g} className={props.groupBy === g ? 'checked' : undefined}>
              <input
                type="radio"
                name="search-grouping"
                value={g}
                checked={props.groupBy === g}
                onChange={() => props.onGroupBy(g)}
              />
              {groupingLabels[g]}
            </label>
          ))}
        </div>
        <label className="inline-field">
          <span>Source</span>
          <select value={filters.source} onChange={(e) => onFilters({ ...filters, source: e.target.value })}>
            <option value="">All sources</option>
            {props.sources.map((s) => (
              <option key={s.path} value={s.path}>
                {s.path}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Kind</span>
          <KindSelect value={filters.kind} onChange={(kind) => onFilters({ ...filters, kind })} />
        </label>
        {(filters.topic !== '' || (props.topics?.topics.length ?? 0) > 0) && (
          <span className="inline-field topic-field">
            <label className="inline-field">
              <span>Topic</span>
              <TopicSelect
                data-testid="search-topic"
                topics={props.topics}
                value={filters.topic}
                onChange={(topic) => onFilters({ ...filters, topic })}
              />
            </label>
            {filters.topic !== '' && (
              <button
                type="button"
                className="link-button clear-topic"
                onClick={() => onFilters({ ...filters, topic: '' })}
                aria-label={`Clear the topic filter (${topicChoiceLabel(filters.topic, props.topics) ?? 'a topic'}): search every topic`}
                title="Search every topic"
              >
                × Clear
              </button>
            )}
          </span>
        )}
        <label className="inline-field">
          <span>Folder</span>
          <input
            type="text"
            placeholder="/path/prefix"
            spellCheck={false}
            value={filters.pathPrefix}
            onChange={(e) => onFilters({ ...filters, pathPrefix: e.target.value })}
          />
        </label>
      </div>
    </div>
  );
}
