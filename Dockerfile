# Build the same static binary as .ci/run, then ship it alone on distroless, as non-root.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/careerbot ./cmd/careerbot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/careerbot /usr/local/bin/careerbot
USER nonroot:nonroot
ENTRYPOINT ["careerbot"]
# Until `serve` exists (issue 3), the image runs the terminal chat: docker run -it IMAGE.
CMD ["chat"]
