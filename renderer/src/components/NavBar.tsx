/**
 * The left navigation: Decisions (with the number waiting), Calendar, Activity, Settings. It collapses to its
 * icons (a button at the top, and by itself on narrow windows); the names stay as accessible names.
 */
import { useWords } from '../lib/i18n';

export type ScreenName = 'decisions' | 'calendar' | 'activity' | 'settings';

export interface NavBarProps {
  readonly current: ScreenName;
  readonly decisionCount: number;
  readonly onNavigate: (screen: ScreenName) => void;
  readonly collapsed: boolean;
  readonly onToggle: () => void;
}

const ITEMS: readonly { readonly screen: ScreenName; readonly icon: string }[] = [
  { screen: 'decisions', icon: '✉' },
  { screen: 'calendar', icon: '▦' },
  { screen: 'activity', icon: '≡' },
  { screen: 'settings', icon: '⚙' },
];

export function NavBar({ current, decisionCount, onNavigate, collapsed, onToggle }: NavBarProps) {
  const w = useWords();
  return (
    <nav className={collapsed ? 'nav collapsed' : 'nav'} aria-label={w.t('ui.nav.label')}>
      <div className="nav-top">
        <p className="app-name">{w.t('ui.app.name')}</p>
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={!collapsed}
          aria-label={collapsed ? w.t('ui.nav.expand') : w.t('ui.nav.collapse')}
          onClick={onToggle}
        >
          <span aria-hidden="true">{collapsed ? '»' : '«'}</span>
        </button>
      </div>
      <ul>
        {ITEMS.map((item) => {
          const label = w.t(`ui.nav.${item.screen}`);
          const withCount = item.screen === 'decisions' && decisionCount > 0;
          return (
            <li key={item.screen}>
              <button
                type="button"
                className="nav-item"
                aria-current={current === item.screen ? 'page' : undefined}
                aria-label={withCount ? w.t('ui.nav.withOpen', { label, count: decisionCount }) : label}
                title={collapsed ? label : undefined}
                onClick={() => onNavigate(item.screen)}
              >
                <span className="nav-icon" aria-hidden="true">
                  {item.icon}
                </span>
                <span className="nav-label" aria-hidden="true">
                  {label}
                </span>
                {withCount ? (
                  <span className="badge" aria-hidden="true">
                    {decisionCount}
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
