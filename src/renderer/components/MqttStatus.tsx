import type { MqttState } from '../../shared/mqtt-schema';
import { useWords } from '../app-context';
import { Countdown } from './Countdown';

/** The broker link on the status line: connected, connecting, or retrying with the reason. Nothing when MQTT is off. */
export function MqttStatus({ mqtt }: { mqtt: MqttState | undefined }) {
  const { t } = useWords();
  if (!mqtt || mqtt.kind === 'off') return null;
  const text =
    mqtt.kind === 'connected' ? (
      t.mqtt.connected(mqtt.broker)
    ) : mqtt.kind === 'connecting' ? (
      t.mqtt.connecting
    ) : (
      <>
        {`${t.mqtt.retrying(mqtt.reason)} `}
        <Countdown to={mqtt.retryAt} />
      </>
    );
  return (
    <span className={`status-mqtt status-mqtt-${mqtt.kind}`} data-testid="status-mqtt" data-state={mqtt.kind}>
      {text}
    </span>
  );
}
