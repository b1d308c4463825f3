import { For } from 'solid-js';
import { t } from '../../i18n/index.js';
import type { MessageKey } from '../../shared/i18n/en.js';
import type { QuickFilter, SortKey, SortOrder } from '../../shared/api.js';

export interface SearchBarProps {
  query: string;
  sort: SortKey;
  order: SortOrder;
  filter: QuickFilter;
  sorts: SortKey[];
  onSearch(q: string): void;
  onSort(sort: SortKey, order: SortOrder): void;
  onFilter(filter: QuickFilter): void;
}

export function SearchBar(props: SearchBarProps) {
  return (
    <div class="searchbar">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSearch(String(new FormData(e.currentTarget).get('q') ?? '').trim());
        }}
      >
        <label class="visually-hidden" for="search-q">{t('list.search')}</label>
        <input id="search-q" name="q" type="search" placeholder={t('list.search')} value={props.query} maxlength="200" />
        <button type="submit">{t('list.searchButton')}</button>
      </form>
      <div class="filters" role="group" aria-label={t('list.filter.all')}>
        <For each={['all', 'unread', 'flagged'] as QuickFilter[]}>
          {(f) => (
            <button type="button" aria-pressed={props.filter === f} onClick={() => props.onFilter(f)}>{t(`list.filter.${f}` as MessageKey)}</button>
          )}
        </For>
      </div>
      <label class="sort">
        <span>{t('list.sort')}</span>
        <select value={`${props.sort}:${props.order}`} onChange={(e) => {
          const [s, o] = e.currentTarget.value.split(':') as [SortKey, SortOrder];
          props.onSort(s, o);
        }}>
          <For each={props.sorts}>
            {(s) => (
              <>
                <option value={`${s}:desc`}>{t(`list.sort.${s}` as MessageKey)} – {t('list.order.desc')}</option>
                <option value={`${s}:asc`}>{t(`list.sort.${s}` as MessageKey)} – {t('list.order.asc')}</option>
              </>
            )}
          </For>
        </select>
      </label>
    </div>
  );
}
