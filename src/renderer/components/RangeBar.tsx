import { PRESETS, type PresetId, type View } from '../view-range';

interface RangeBarProps {
  view: View;
  labels: Record<PresetId, string>;
  onPick: (id: PresetId) => void;
}

/** Live, 1 h ... 1 year. After a pan or a pinch no preset is lit, and one tap on Live goes back. */
export function RangeBar({ view, labels, onPick }: RangeBarProps) {
  const active: PresetId | null = view.kind === 'live' ? 'live' : view.kind === 'preset' ? view.preset : null;
  return (
    <nav className="range-bar" aria-label="range">
      {PRESETS.map((p) => (
        <button
          key={p.id}
          type="button"
          className={p.id === 'live' ? 'range-live' : undefined}
          data-testid={`range-${p.id}`}
          aria-pressed={active === p.id}
          onClick={() => onPick(p.id)}
        >
          {labels[p.id]}
        </button>
      ))}
    </nav>
  );
}
