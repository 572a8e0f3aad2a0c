# compat-args: --secret id=tok,src=$SECRET_FILE
ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
RUN --mount=type=secret,id=tok [ "$(cat /run/secrets/tok)" = compat-secret ]
RUN --mount=type=secret,id=tok,target=/tok,mode=0440,uid=7 [ "$(stat -c '%a %u' /tok)" = '440 7' ]
RUN --mount=type=secret,id=tok,env=TOK [ "$TOK" = compat-secret ]
RUN [ ! -e /run/secrets/tok ] && [ ! -e /tok ]
