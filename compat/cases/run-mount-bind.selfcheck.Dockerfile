ARG REGISTRY
FROM ${REGISTRY}/busybox:latest AS build
RUN mkdir /out && echo built > /out/f
FROM ${REGISTRY}/busybox:latest
RUN --mount=type=bind,source=dir,target=/ctx cp /ctx/y.txt /y.txt
RUN --mount=type=bind,from=build,source=/out,target=/o cp /o/f /f
RUN --mount=type=bind,from=build,source=/out,target=/o,rw echo x > /o/new && [ -f /o/new ]
RUN [ -f /y.txt ] && [ -f /f ] && [ ! -e /ctx ] && [ ! -e /o ]
