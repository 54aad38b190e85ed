package main

// The container's health check (user-service-go/Dockerfile, docker-compose.go.yml): the image has
// no Node.js for protos/healthcheck.js, so the service's own binary asks the same question.
//
//	user-service healthcheck localhost:50051    grpc.health.v1 Check; exit 0 if SERVING, else 1

import (
	"context"
	"fmt"
	"os"
	"time"

	"google.golang.org/grpc"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

func healthcheck(args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(os.Stderr, "usage: user-service healthcheck <host:port>")
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	// WithBlock: wait for the connection within the two seconds, so "nothing listens" is a clear answer
	connection, err := grpc.DialContext(ctx, args[0], grpc.WithInsecure(), grpc.WithBlock())
	if err != nil {
		fmt.Fprintf(os.Stderr, "user-service (Go) at %s: not reachable within 2 s (%v)\n", args[0], err)
		return 1
	}
	defer connection.Close()
	reply, err := healthpb.NewHealthClient(connection).Check(ctx, &healthpb.HealthCheckRequest{})
	if err != nil {
		fmt.Fprintf(os.Stderr, "user-service (Go) at %s: health check failed (%v)\n", args[0], err)
		return 1
	}
	if reply.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		fmt.Fprintf(os.Stderr, "user-service (Go) at %s: %v\n", args[0], reply.GetStatus())
		return 1
	}
	return 0
}
