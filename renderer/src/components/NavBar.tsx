/** The left navigation: Decisions (with the number waiting), Calendar, Activity, Settings. */
export type ScreenName = 'decisions' | 'calendar' | 'activity' | 'settings';

export interface NavBarProps {
  readonly current: ScreenName;
  readonly decisionCount: number;
  readonly onNavigate: (screen: ScreenName) => void;
}

const ITEMS: readonly { readonly screen: ScreenName; readonly label: string; readonly icon: string }[] = [
  { screen: 'decisions', label: 'Decisions', icon: '✉' },
  { screen: 'calendar', label: 'Calendar', icon: '▦' },
  { screen: 'activity', label: 'Activity', icon: '≡' },
  { screen: 'settings', label: 'Settings', icon: '⚙' },
];

export function NavBar({ current, decisionCount, onNavigate }: NavBarProps) {
  return (
    <nav className="nav" aria-label="Main">
      <p className="app-name">iMIP Companion</p>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.screen}>
            <button
              type="button"
              className="nav-item"
              aria-current={current === item.screen ? 'page' : undefined}
              onClick={() => onNavigate(item.screen)}
            >
              <span className="nav-icon" aria-hidden="true">
                {item.icon}
              </span>
              <span className="nav-label">{item.label}</span>
              {item.screen === 'decisions' && decisionCount > 0 ? (
                <>
                  <span className="badge" aria-hidden="true">
                    {decisionCount}
                  </span>
                  <span className="visually-hidden">, {decisionCount} open</span>
                </>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
