import { For, Show } from 'solid-js';
import { t } from '../../i18n/index.js';
import type { Folder } from '../../shared/api.js';
import { flattenFolders } from '../../shared/folders.js';
import { folderLabel } from './FolderTree.js';

export interface ToolbarProps {
  count: number;
  inTrash: boolean;
  inJunk: boolean;
  anyUnread: boolean;
  anyUnflagged: boolean;
  moveTargets: Folder[];
  onMarkRead(read: boolean): void;
  onFlag(flag: boolean): void;
  onMove(path: string): void;
  onSpam(): void;
  onDelete(): void;
}

export function Toolbar(props: ToolbarProps) {
  return (
    <div class="toolbar" role="toolbar" aria-label={t('action.selected', { count: props.count })}>
      <span class="selection-count" aria-live="polite">{t('action.selected', { count: props.count })}</span>
      <button type="button" disabled={props.count === 0} onClick={() => props.onMarkRead(props.anyUnread)}>
        {props.anyUnread ? t('action.markRead') : t('action.markUnread')}
      </button>
      <button type="button" disabled={props.count === 0} onClick={() => props.onFlag(props.anyUnflagged)}>
        {props.anyUnflagged ? t('action.flag') : t('action.unflag')}
      </button>
      <label class="visually-hidden" for="move-target">{t('action.moveTo')}</label>
      <select
        id="move-target"
        disabled={props.count === 0}
        onChange={(e) => {
          const value = e.currentTarget.value;
          e.currentTarget.value = '';
          if (value) props.onMove(value);
        }}
      >
        <option value="">{t('action.moveTo')}</option>
        <For each={flattenFolders(props.moveTargets).filter((f) => f.selectable)}>{(folder) => <option value={folder.path}>{folderLabel(folder)}</option>}</For>
      </select>
      <Show when={!props.inJunk}>
        <button type="button" disabled={props.count === 0} onClick={() => props.onSpam()}>{t('action.spam')}</button>
      </Show>
      <button type="button" class="danger" disabled={props.count === 0} onClick={() => props.onDelete()}>
        {props.inTrash ? t('action.deleteForever') : t('action.delete')}
      </button>
    </div>
  );
}
