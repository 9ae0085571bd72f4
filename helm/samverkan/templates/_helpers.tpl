{{/*
Shared templates. Every service gets its objects from the same definitions below, called by
templates/services.yaml once per entry of .Values.services with (dict "root" $ "name" NAME).
Nothing here is copied per service.
*/}}

{{- define "samverkan.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release-wide prefix, kept short enough that "-<service>" still fits in 63 characters. */}}
{{- define "samverkan.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* (dict "root" $ "name" SERVICE) -> <fullname>-<service> */}}
{{- define "samverkan.serviceName" -}}
{{- printf "%s-%s" (include "samverkan.fullname" .root) .name -}}
{{- end -}}

{{- define "samverkan.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion -}}
{{- end -}}

{{- define "samverkan.image" -}}
{{- printf "%s:%s" .Values.image.repository (include "samverkan.imageTag" .) -}}
{{- end -}}

{{- define "samverkan.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "samverkan.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* (dict "root" $ "component" NAME): the labels every object carries. */}}
{{- define "samverkan.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "samverkan.selectorLabels" . }}
app.kubernetes.io/version: {{ include "samverkan.imageTag" .root | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/part-of: samverkan
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{/* (dict "root" $ "component" NAME): the immutable subset used in selectors. */}}
{{- define "samverkan.selectorLabels" -}}
app.kubernetes.io/name: {{ include "samverkan.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The restricted Pod Security Standard, pod level. */}}
{{- define "samverkan.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The restricted Pod Security Standard, container level. */}}
{{- define "samverkan.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
{{- end -}}

{{- define "samverkan.jwtMountPath" -}}/etc/samverkan/jwt{{- end -}}
{{- define "samverkan.kafkaMountPath" -}}/etc/samverkan/kafka{{- end -}}

{{/* Volumes: a writable /tmp (the root filesystem is read-only), the JWT public key and, when
set, the Kafka client properties. */}}
{{- define "samverkan.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
- name: jwt-public-key
  secret:
    secretName: {{ required "jwt.publicKeySecret is required" .Values.jwt.publicKeySecret }}
    defaultMode: 0444
    items:
      - key: {{ .Values.jwt.publicKeyKey }}
        path: {{ .Values.jwt.publicKeyKey }}
{{- if .Values.kafka.propertiesSecret }}
- name: kafka-properties
  secret:
    secretName: {{ .Values.kafka.propertiesSecret }}
    defaultMode: 0444
    items:
      - key: {{ .Values.kafka.propertiesKey }}
        path: {{ .Values.kafka.propertiesKey }}
{{- end }}
{{- end -}}

{{- define "samverkan.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: jwt-public-key
  mountPath: {{ include "samverkan.jwtMountPath" . }}
  readOnly: true
{{- if .Values.kafka.propertiesSecret }}
- name: kafka-properties
  mountPath: {{ include "samverkan.kafkaMountPath" . }}
  readOnly: true
{{- end }}
{{- end -}}

{{/*
(dict "root" $ "name" SERVICE): the environment of libs/runtime/src/service.cpp, shared by the
service's Deployment and its migrations container. extraEnv comes last so it can override.
*/}}
{{- define "samverkan.env" -}}
{{- $root := .root -}}
{{- $svc := index $root.Values.services .name -}}
- name: SAMVERKAN_MODE
  value: production
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ required "database.existingSecret is required" $root.Values.database.existingSecret }}
      key: {{ required "database.key is required" $root.Values.database.key }}
- name: KAFKA_BROKERS
  value: {{ required "kafka.brokers is required" $root.Values.kafka.brokers | quote }}
- name: DEADLETTER_TOPIC
  value: {{ $root.Values.kafka.deadletterTopic | quote }}
{{- if $root.Values.kafka.propertiesSecret }}
- name: KAFKA_PROPERTIES_FILE
  value: {{ printf "%s/%s" (include "samverkan.kafkaMountPath" $root) $root.Values.kafka.propertiesKey | quote }}
{{- end }}
- name: HTTP_ADDRESS
  value: "0.0.0.0"
- name: HTTP_PORT
  value: {{ $root.Values.http.port | int | quote }}
- name: HTTP_THREADS
  value: {{ $root.Values.http.threads | int | quote }}
- name: MIGRATE_ON_START
  value: "false"
- name: LOG_LEVEL
  value: {{ $root.Values.logLevel | quote }}
- name: JWT_ALGORITHM
  value: RS256
- name: JWT_PUBLIC_KEY_FILE
  value: {{ printf "%s/%s" (include "samverkan.jwtMountPath" $root) $root.Values.jwt.publicKeyKey | quote }}
- name: JWT_AUDIENCE
  value: {{ $root.Values.jwt.audience | quote }}
- name: SAMVERKAN_SCHEMAS_DIR
  value: /usr/share/samverkan/schemas
{{- with $svc.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* (dict "root" $ "name" SERVICE) */}}
{{- define "samverkan.deployment" -}}
{{- $root := .root -}}
{{- $name := .name -}}
{{- $svc := index $root.Values.services $name -}}
{{- $ctx := dict "root" $root "component" $name -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "samverkan.serviceName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "samverkan.labels" $ctx | nindent 4 }}
spec:
  {{- if not $svc.autoscaling.enabled }}
  replicas: {{ $svc.replicas | int }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "samverkan.selectorLabels" $ctx | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "samverkan.labels" $ctx | nindent 8 }}
      {{- with $root.Values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "samverkan.serviceAccountName" $root }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ $root.Values.terminationGracePeriodSeconds | default 30 | int }}
      securityContext:
        {{- include "samverkan.podSecurityContext" $root | nindent 8 }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if $root.Values.topologySpread.enabled }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: {{ $root.Values.topologySpread.topologyKey | default "kubernetes.io/hostname" }}
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "samverkan.selectorLabels" $ctx | nindent 14 }}
      {{- end }}
      containers:
        - name: {{ $name }}
          image: {{ include "samverkan.image" $root }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          command: ["/usr/local/bin/samverkan-{{ $name }}"]
          ports:
            - name: http
              containerPort: {{ $root.Values.http.port | int }}
              protocol: TCP
          env:
            {{- include "samverkan.env" . | nindent 12 }}
            {{- if and (eq $name "reporting") $root.Values.pseudonym.keySecret }}
            - name: PSEUDONYM_KEY_FILE
              value: {{ printf "/etc/samverkan/pseudonym/%s" $root.Values.pseudonym.keyKey | quote }}
            {{- end }}
          startupProbe:
            httpGet: {path: /healthz, port: http}
            periodSeconds: 2
            failureThreshold: 30
          livenessProbe:
            httpGet: {path: /healthz, port: http}
            periodSeconds: 10
            timeoutSeconds: 2
            failureThreshold: 3
          readinessProbe:
            httpGet: {path: /readyz, port: http}
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 2
          {{- if $root.Values.preStopSleepSeconds }}
          lifecycle:
            preStop:
              exec:
                command: ["/bin/sleep", "{{ $root.Values.preStopSleepSeconds | int }}"]
          {{- end }}
          resources:
            {{- toYaml $svc.resources | nindent 12 }}
          securityContext:
            {{- include "samverkan.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            {{- include "samverkan.volumeMounts" $root | nindent 12 }}
            {{- if and (eq $name "reporting") $root.Values.pseudonym.keySecret }}
            - name: pseudonym-key
              mountPath: /etc/samverkan/pseudonym
              readOnly: true
            {{- end }}
      volumes:
        {{- include "samverkan.volumes" $root | nindent 8 }}
        {{- if and (eq $name "reporting") $root.Values.pseudonym.keySecret }}
        # The exports' pseudonym key: only reporting mounts it, and it is not in the database.
        - name: pseudonym-key
          secret:
            secretName: {{ $root.Values.pseudonym.keySecret }}
            defaultMode: 0440
            items:
              - key: {{ $root.Values.pseudonym.keyKey }}
                path: {{ $root.Values.pseudonym.keyKey }}
        {{- end }}
{{- end -}}

{{/* (dict "root" $ "name" SERVICE) */}}
{{- define "samverkan.service" -}}
{{- $root := .root -}}
{{- $ctx := dict "root" $root "component" .name -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "samverkan.serviceName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "samverkan.labels" $ctx | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "samverkan.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ $root.Values.http.port | int }}
      targetPort: http
      protocol: TCP
{{- end -}}

{{/*
(dict "root" $ "name" SERVICE). Refuses a minAvailable that would block every voluntary eviction
(node drains would hang): it must stay below the smallest replica count the service can have.
*/}}
{{- define "samverkan.pdb" -}}
{{- $root := .root -}}
{{- $svc := index $root.Values.services .name -}}
{{- $ctx := dict "root" $root "component" .name -}}
{{- if $svc.pdb.enabled -}}
{{- $floor := $svc.replicas -}}
{{- if $svc.autoscaling.enabled }}{{ $floor = $svc.autoscaling.minReplicas }}{{ end -}}
{{- if and (not (kindIs "string" $svc.pdb.minAvailable)) (ge (int $svc.pdb.minAvailable) (int $floor)) -}}
{{- fail (printf "services.%s.pdb.minAvailable (%d) must be below the service's minimum replica count (%d), or node drains block" .name (int $svc.pdb.minAvailable) (int $floor)) -}}
{{- end -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "samverkan.serviceName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "samverkan.labels" $ctx | nindent 4 }}
spec:
  {{- if kindIs "string" $svc.pdb.minAvailable }}
  minAvailable: {{ $svc.pdb.minAvailable | quote }}
  {{- else }}
  minAvailable: {{ $svc.pdb.minAvailable | int }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "samverkan.selectorLabels" $ctx | nindent 6 }}
{{- end -}}
{{- end -}}

{{/* (dict "root" $ "name" SERVICE) */}}
{{- define "samverkan.hpa" -}}
{{- $root := .root -}}
{{- $svc := index $root.Values.services .name -}}
{{- $ctx := dict "root" $root "component" .name -}}
{{- if $svc.autoscaling.enabled -}}
{{- if gt (int $svc.autoscaling.minReplicas) (int $svc.autoscaling.maxReplicas) -}}
{{- fail (printf "services.%s.autoscaling: minReplicas is above maxReplicas" .name) -}}
{{- end -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "samverkan.serviceName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "samverkan.labels" $ctx | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "samverkan.serviceName" . }}
  minReplicas: {{ $svc.autoscaling.minReplicas | int }}
  maxReplicas: {{ $svc.autoscaling.maxReplicas | int }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $svc.autoscaling.targetCPUUtilizationPercentage | int }}
{{- end -}}
{{- end -}}

{{/*
(dict "root" $ "name" SERVICE). job="samverkan" (from the part-of label) and service=<name> (the
component label) on every target, so `up` carries the same service label as the samverkan_*
series; honorLabels keeps the service label the metrics themselves carry.
*/}}
{{- define "samverkan.serviceMonitor" -}}
{{- $root := .root -}}
{{- $ctx := dict "root" $root "component" .name -}}
{{- if $root.Values.serviceMonitor.enabled -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "samverkan.serviceName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "samverkan.labels" $ctx | nindent 4 }}
    {{- with $root.Values.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  jobLabel: app.kubernetes.io/part-of
  selector:
    matchLabels:
      {{- include "samverkan.selectorLabels" $ctx | nindent 6 }}
  namespaceSelector:
    matchNames: [{{ $root.Release.Namespace | quote }}]
  endpoints:
    - port: http
      path: /metrics
      interval: {{ $root.Values.serviceMonitor.interval | default "30s" }}
      scrapeTimeout: {{ $root.Values.serviceMonitor.scrapeTimeout | default "10s" }}
      honorLabels: true
      relabelings:
        - sourceLabels: [__meta_kubernetes_service_label_app_kubernetes_io_component]
          targetLabel: service
          action: replace
{{- end -}}
{{- end -}}
