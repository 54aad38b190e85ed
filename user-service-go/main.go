// user-service in Go, as the diagram draws it ("USER SERVICE (Golang)", port 50051): the same
// contract (protos/user.proto), the same seed data, health and reflection, in place of the
// TypeScript user-service. The other three processes cannot tell the difference; the conformance
// suite (npm run conformance -- user-service <address>) checks that they cannot.
//
//	USER_SERVICE_HOST   the interface to listen on (127.0.0.1; docker-compose sets 0.0.0.0)
//	USER_SERVICE_PORT   the port (50051; 0 picks a free one, printed on the "listening" line)
//	AUTH, GATEWAY_SECRET   AUTH=required: only calls carrying the sandbox's secret (lesson 11);
//	                    npm start's launcher switches AUTH at run time (launcher.go)
//	NEW_USER_IDS_FROM, NEW_USER_IDS_TO   the ids new users get (4, after the seeded 1, 2, 3, and up);
//	                    npm start gives each start its own block (launcher/supervisor.js)
//	PASSWORD_HASH_COST  scrypt's N for the passwords hashed from now on, a power of two from 1024 to
//	                    131072 (16384); the tests lower it to 1024, and each hash says its own (passwords.go)
//	LOG_FORMAT          json: one JSON object per line (log.go)
//
// `user-service healthcheck localhost:50051` is the container's health check (healthcheck.go).
package main

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/reflection"
	"google.golang.org/grpc/status"

	"github.com/grpc-sandbox/user-service-go/userpb"
)

const serviceName = "user.UserService"

// how many users seed makes (ids 1, 2 and 3): new users' ids come after theirs
const seededUsers = 3

// The same users at every start, so tutorials can rely on their ids (user-service/src/seed.ts).
// Passwords: john-secret, jane-secret, ada-secret, hashed once at the default cost so that start-up
// does not pay for them; at another PASSWORD_HASH_COST, hashed again at start (2.5 ms each at 1024,
// what the tests use, so that logging in as John is as cheap there as any other login).
func seed(store *userStore, cost int) {
	hash := func(password, precomputed string) string {
		if cost == defaultHashCost {
			return precomputed
		}
		return hashPassword(password, cost)
	}
	store.create("John", "john@example.com", "user", hash("john-secret", "scrypt$16384$c73c2b8bc3c62ace6326a3349ce5fcaa$c57e7ce981195e81af27045c9c8f758501b9654fb31232ae2f8901d489216534"))
	store.create("Jane", "jane@example.com", "user", hash("jane-secret", "scrypt$16384$f2f038b208a5042bc9dcded60e52797b$a535b5a109b6ee4771caca2fbc02298c6c3319a06553da2ebac68911bd9b2d46"))
	store.create("Ada Lovelace", "ada@example.com", "admin", hash("ada-secret", "scrypt$16384$130861c5093bb1bbbf06c2155c0f274c$699829432d2b7a4ef008fae9b0163d8fa83e6ba9dc74a7d2b494f9aa1780e6b4"))
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "healthcheck" {
		os.Exit(healthcheck(os.Args[2:]))
	}
	host := env("USER_SERVICE_HOST", "127.0.0.1")
	port := env("USER_SERVICE_PORT", "50051")
	auth := env("AUTH", "off")
	secret := os.Getenv("GATEWAY_SECRET")
	if auth != "off" && auth != "required" {
		fail(fmt.Sprintf("AUTH must be off or required, not %q", auth))
	}
	if auth == "required" && secret == "" {
		fail("AUTH=required needs GATEWAY_SECRET, the secret the gateway sends (npm start makes one)")
	}
	hashCost := passwordHashCost(env("PASSWORD_HASH_COST", strconv.Itoa(defaultHashCost)))
	newIDsFrom, newIDsTo := newUserIDs(env("NEW_USER_IDS_FROM", strconv.Itoa(seededUsers+1)), env("NEW_USER_IDS_TO", strconv.Itoa(largestID)))

	listener, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			fail(fmt.Sprintf("port %s is already in use; stop what uses it or set USER_SERVICE_PORT to another port", port))
		}
		fail(fmt.Sprintf("cannot listen on %s:%s: %v", host, port, err))
	}

	store := newUserStore()
	seed(store, hashCost)
	if err := store.giveNewUsersIDs(newIDsFrom, newIDsTo); err != nil {
		fail(err.Error())
	}
	var authRequired atomic.Bool
	authRequired.Store(auth == "required")
	server := grpc.NewServer(grpc.ChainUnaryInterceptor(servedBy, gatewayOnly(&authRequired, secret)))
	userpb.RegisterUserServiceServer(server, &userService{store: store, hashCost: hashCost})
	// health (grpc.health.v1) and reflection, as every service of the sandbox has them
	healthServer := health.NewServer()
	healthpb.RegisterHealthServer(server, healthServer)
	reflection.Register(server)
	healthServer.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	healthServer.SetServingStatus(serviceName, healthpb.HealthCheckResponse_SERVING)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	followLauncher(authRequired.Store, func() { stop <- syscall.SIGTERM })
	go func() {
		why := <-stop
		logInfo(fmt.Sprintf("user-service (Go) stopping (%v)", why))
		healthServer.Shutdown() // NOT_SERVING: callers stop sending new calls
		done := make(chan struct{})
		go func() { server.GracefulStop(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			server.Stop()
		}
	}()

	logInfo(fmt.Sprintf("user-service (Go) listening on %s:%d", host, listener.Addr().(*net.TCPAddr).Port))
	if err := server.Serve(listener); err != nil {
		fail(err.Error())
	}
}

// Every answer carries the x-served-by trailer, as the TypeScript services' do: it tells the
// gateway that the message was written by the service for clients, so it is passed on as it is.
func servedBy(ctx context.Context, request interface{}, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (interface{}, error) {
	if !strings.HasPrefix(info.FullMethod, "/grpc.") {
		_ = grpc.SetTrailer(ctx, metadata.Pairs("x-served-by", "user-service"))
	}
	return handler(ctx, request)
}

// AUTH=required (lesson 11): a call without the sandbox's secret is refused before any handler
// runs. Health and reflection stay open.
func gatewayOnly(required *atomic.Bool, secret string) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, request interface{}, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (interface{}, error) {
		if !required.Load() || strings.HasPrefix(info.FullMethod, "/grpc.") {
			return handler(ctx, request)
		}
		incoming, _ := metadata.FromIncomingContext(ctx)
		sent := incoming.Get("x-gateway-secret")
		if len(sent) == 1 && subtle.ConstantTimeCompare([]byte(sent[0]), []byte(secret)) == 1 {
			return handler(ctx, request)
		}
		return nil, status.Error(codes.Unauthenticated, "user-service takes calls only from the gateway (AUTH=required): send the sandbox's secret as the metadata x-gateway-secret")
	}
}

// newUserIDs: the block of ids new users get, as the TypeScript config.ts reads it. A block that
// starts among the seeded users' ids would give one of them to a newcomer.
func newUserIDs(from, to string) (int, int) {
	digits := regexp.MustCompile(`^\d{1,15}$`)
	first, _ := strconv.Atoi(from)
	last, _ := strconv.Atoi(to)
	if !digits.MatchString(from) || !digits.MatchString(to) || first <= seededUsers || last < first {
		fail(fmt.Sprintf("NEW_USER_IDS_FROM and NEW_USER_IDS_TO must be whole numbers from %d (after the seeded users) to %d, the first not above the second; not %q and %q", seededUsers+1, largestID, from, to))
	}
	return first, last
}

// passwordHashCost: PASSWORD_HASH_COST, as the TypeScript config.ts reads it.
func passwordHashCost(value string) int {
	cost, _ := strconv.Atoi(value)
	if !costDigits.MatchString(value) || !isHashCost(cost) {
		shown := value
		if len(shown) > 20 {
			shown = shown[:20]
		}
		fail(fmt.Sprintf("PASSWORD_HASH_COST must be a power of two from %d to %d (scrypt's N; %d by default), not %q", lowestHashCost, highestHashCost, defaultHashCost, shown))
	}
	return cost
}

func env(name, fallback string) string {
	if value, ok := os.LookupEnv(name); ok && value != "" {
		return value
	}
	return fallback
}

func fail(message string) {
	fmt.Fprintf(os.Stderr, "user-service (Go): %s\n", message)
	os.Exit(1)
}
