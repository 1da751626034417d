# Sluice demo: what each agent's JVM gets, as a Flume 1.11 flume-env.sh would give it.
# graphite-monitor ships every component's counters to Graphite (carbon's plaintext port).
export JAVA_OPTS="$JAVA_OPTS -Xmx512m \
  -Dflume.monitoring.type=dev.sluice.flume.monitor.graphite.GraphiteMonitorService \
  -Dflume.monitoring.host=${GRAPHITE_HOST:-127.0.0.1} \
  -Dflume.monitoring.port=${GRAPHITE_PORT:-2003} \
  -Dflume.monitoring.pollInterval=5s \
  -DpropertiesImplementation=org.apache.flume.node.EnvVarResolverProperties"
