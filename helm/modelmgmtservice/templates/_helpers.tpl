{{/*
Chart name, overridable.
*/}}
{{- define "modelmgmtservice.name" -}}
{{- default .Chart.Name .Values.modelmgmtservice.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: "modelmgmtservice" for the release "modelmgmtservice",
so the Service keeps the name the Training Manager and the dashboard call.
*/}}
{{- define "modelmgmtservice.fullname" -}}
{{- $v := .Values.modelmgmtservice }}
{{- if $v.fullnameOverride }}
{{- $v.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name $v.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "modelmgmtservice.namespace" -}}
{{- default .Release.Namespace .Values.modelmgmtservice.namespace }}
{{- end }}

{{- define "modelmgmtservice.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels: the same two the Go chart uses, because a Deployment's selector
is immutable and `helm upgrade` over the Go release must keep it.
*/}}
{{- define "modelmgmtservice.selectorLabels" -}}
app.kubernetes.io/name: {{ include "modelmgmtservice.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "modelmgmtservice.labels" -}}
helm.sh/chart: {{ include "modelmgmtservice.chart" . }}
{{ include "modelmgmtservice.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: aimlfw
{{- end }}

{{- define "modelmgmtservice.serviceAccountName" -}}
{{- $sa := .Values.modelmgmtservice.serviceAccount }}
{{- if $sa.create }}
{{- default (include "modelmgmtservice.fullname" .) $sa.name }}
{{- else }}
{{- default "default" $sa.name }}
{{- end }}
{{- end }}

{{- define "modelmgmtservice.image" -}}
{{- $img := .Values.modelmgmtservice.image }}
{{- if $img.digest }}
{{- printf "%s@%s" $img.repository $img.digest }}
{{- else }}
{{- printf "%s:%s" $img.repository (toString (default .Chart.AppVersion $img.tag)) }}
{{- end }}
{{- end }}

{{- define "modelmgmtservice.configMapName" -}}
{{- printf "%s-configmap" (include "modelmgmtservice.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Database connection env, inlined (not from the ConfigMap) so the migration hook
Job can run on a fresh install, before the release's own objects exist.
*/}}
{{- define "modelmgmtservice.databaseEnv" -}}
{{- $pg := .Values.modelmgmtservice.postgres -}}
- name: PG_HOST
  value: {{ $pg.host | quote }}
- name: PG_PORT
  value: {{ $pg.port | toString | quote }}
- name: PG_USER
  value: {{ $pg.user | quote }}
- name: PG_DBNAME
  value: {{ $pg.database | quote }}
{{- if $pg.existingSecret }}
- name: PG_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $pg.existingSecret }}
      key: {{ $pg.existingSecretKey }}
{{- end }}
{{- end }}

{{/*
Secrets of the app container, each from an existing secret.
*/}}
{{- define "modelmgmtservice.secretEnv" -}}
{{- $v := .Values.modelmgmtservice }}
{{- if $v.postgres.existingSecret }}
- name: PG_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $v.postgres.existingSecret }}
      key: {{ $v.postgres.existingSecretKey }}
{{- end }}
{{- if and $v.s3.enabled $v.s3.existingSecret }}
- name: S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.s3.existingSecret }}
      key: {{ $v.s3.existingSecretKey }}
{{- end }}
{{- if $v.llm.existingSecret }}
- name: LLM_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.llm.existingSecret }}
      key: {{ $v.llm.existingSecretKey }}
{{- end }}
{{- if $v.apiKeys.existingSecret }}
- name: API_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ $v.apiKeys.existingSecret }}
      key: {{ $v.apiKeys.existingSecretKey }}
{{- end }}
{{- end }}

{{/*
Restricted pod-level settings shared by the Deployment, the hook Job and the test pod.
*/}}
{{- define "modelmgmtservice.podSecurity" -}}
{{- $v := .Values.modelmgmtservice -}}
automountServiceAccountToken: false
securityContext:
  {{- toYaml $v.podSecurityContext | nindent 2 }}
{{- with $v.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{- define "modelmgmtservice.tmpVolume" -}}
- name: tmp
  {{- with .Values.modelmgmtservice.tmpVolume.sizeLimit }}
  emptyDir:
    sizeLimit: {{ . }}
  {{- else }}
  emptyDir: {}
  {{- end }}
{{- end }}

{{/* The ServiceAccount of the hook Job and the test pod (they run before or beside the release's). */}}
{{- define "modelmgmtservice.hooksServiceAccountName" -}}
{{- default (printf "%s-hooks" (include "modelmgmtservice.fullname" .)) .Values.modelmgmtservice.migrations.serviceAccountName -}}
{{- end }}

{{/* Layouts the chart refuses: they would lose data or cannot work. */}}
{{- define "modelmgmtservice.validate" -}}
{{- $v := .Values.modelmgmtservice -}}
{{- if and (not $v.s3.enabled) (not $v.persistence.enabled) -}}
{{- fail "s3.enabled=false keeps the archives under dataDir, which without persistence.enabled=true is the pod's emptyDir at /tmp (sizeLimit tmpVolume.sizeLimit): they would be lost with the pod, while their rows remain. Enable persistence or S3." -}}
{{- end -}}
{{- end }}
