import type { MqttState } from '../../shared/mqtt-schema';
import { formatAge } from '../../shared/format';
import { useWords } from '../app-context';

/** The broker link on the status line: connected, connecting, or retrying with the reason. Nothing when MQTT is off. */
export function MqttStatus({ mqtt, now }: { mqtt: MqttState | undefined; now: number }) {
  const { t } = useWords();
  if (!mqtt || mqtt.kind === 'off') return null;
  const text =
    mqtt.kind === 'connected'
      ? t.mqtt.connected(mqtt.broker)
      : mqtt.kind === 'connecting'
        ? t.mqtt.connecting
        : `${t.mqtt.retrying(mqtt.reason)} ${formatAge(Math.max(0, mqtt.retryAt - now))}`;
  return (
    <span className={`status-mqtt status-mqtt-${mqtt.kind}`} data-testid="status-mqtt" data-state={mqtt.kind}>
      {text}
    </span>
  );
}
