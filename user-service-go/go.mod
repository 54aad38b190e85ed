module github.com/grpc-sandbox/user-service-go

go 1.19

require (
	golang.org/x/crypto v0.4.0
	google.golang.org/grpc v1.33.3
	google.golang.org/protobuf v1.28.1
)
