package main

// One method per RPC of user.proto, named like the RPC, doing what the TypeScript
// user-service's handlers.ts does: validate what arrives (grpcurl and Postman can call this
// service directly), then use the store. Every error is a gRPC status with a message that is safe
// to show a client.

import (
	"context"
	"unicode/utf8"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/grpc-sandbox/user-service-go/userpb"
)

type userService struct {
	userpb.UnimplementedUserServiceServer
	store    *userStore
	hashCost int // PASSWORD_HASH_COST: the cost of the hashes made here (main.go)
}

func invalid(field string) error { return status.Error(codes.InvalidArgument, ruleMessage(field)) }

func public(u user) *userpb.User { return &userpb.User{Id: u.id, Name: u.name, Email: u.email} }

func (s *userService) requireUser(id string) (user, error) {
	if !isValidID(id) {
		return user{}, invalid("id")
	}
	u, ok := s.store.get(id)
	if !ok {
		return user{}, status.Errorf(codes.NotFound, "user %s not found", id)
	}
	return u, nil
}

func (s *userService) requireFreeEmail(email, exceptUserID string) error {
	if owner, ok := s.store.findByEmail(email); ok && owner.id != exceptUserID {
		return status.Errorf(codes.AlreadyExists, "a user with email %s already exists", email)
	}
	return nil
}

// CreateUser: the password is optional ("": none; such a user cannot log in) and only its hash is kept.
func (s *userService) CreateUser(ctx context.Context, request *userpb.CreateUserRequest) (*userpb.User, error) {
	if !isValidName(request.Name) {
		return nil, invalid("name")
	}
	if !isValidEmail(request.Email) {
		return nil, invalid("email")
	}
	if request.Password != "" && !isValidPassword(request.Password) {
		return nil, invalid("password")
	}
	if err := s.requireFreeEmail(request.Email, ""); err != nil {
		return nil, err
	}
	hash := ""
	if request.Password != "" {
		hash = hashPassword(request.Password, s.hashCost)
	}
	if err := s.requireFreeEmail(request.Email, ""); err != nil { // again: another call may have taken it while we hashed
		return nil, err
	}
	created, ok := s.store.create(request.Name, request.Email, "user", hash)
	if !ok { // every id of this process's block has been given (NEW_USER_IDS_FROM to NEW_USER_IDS_TO, main.go)
		from, to := s.store.newUserIDs()
		return nil, status.Errorf(codes.ResourceExhausted, "no user id is left for a new user: this user-service gives ids %d to %d, and has given them all", from, to)
	}
	return public(created), nil
}

// GetUser: DIAGRAM step 4a, order-service asks for user "1" and gets John back.
func (s *userService) GetUser(ctx context.Context, request *userpb.GetUserRequest) (*userpb.User, error) {
	// exercise go-get-user ▼
	u, err := s.requireUser(request.Id)
	if err != nil {
		return nil, err
	}
	return public(u), nil
	// exercise go-get-user ▲
}

func (s *userService) ListUsers(ctx context.Context, request *userpb.ListUsersRequest) (*userpb.ListUsersResponse, error) {
	page, next, err := pageOf(s.store.list(), request.PageSize, request.PageToken)
	if err != nil {
		return nil, err
	}
	users := make([]*userpb.User, 0, len(page))
	for _, u := range page {
		users = append(users, public(u))
	}
	return &userpb.ListUsersResponse{Users: users, NextPageToken: next}, nil
}

// UpdateUser: only the fields that are set change (`optional` in user.proto: nil when not sent).
func (s *userService) UpdateUser(ctx context.Context, request *userpb.UpdateUserRequest) (*userpb.User, error) {
	if _, err := s.requireUser(request.Id); err != nil {
		return nil, err
	}
	if request.Name != nil && !isValidName(*request.Name) {
		return nil, invalid("name")
	}
	if request.Email != nil && !isValidEmail(*request.Email) {
		return nil, invalid("email")
	}
	if request.Password != nil && !isValidPassword(*request.Password) {
		return nil, invalid("password")
	}
	var hash *string
	if request.Password != nil {
		h := hashPassword(*request.Password, s.hashCost)
		hash = &h
	}
	// checked after hashing: the user or the email may have changed meanwhile
	if _, err := s.requireUser(request.Id); err != nil {
		return nil, err
	}
	if request.Email != nil {
		if err := s.requireFreeEmail(*request.Email, request.Id); err != nil {
			return nil, err
		}
	}
	u, ok := s.store.update(request.Id, request.Name, request.Email, hash)
	if !ok {
		return nil, status.Errorf(codes.NotFound, "user %s not found", request.Id)
	}
	return public(u), nil
}

func (s *userService) DeleteUser(ctx context.Context, request *userpb.DeleteUserRequest) (*userpb.DeleteUserResponse, error) {
	if _, err := s.requireUser(request.Id); err != nil {
		return nil, err
	}
	s.store.delete(request.Id)
	return &userpb.DeleteUserResponse{}, nil
}

// CheckPassword (lesson 11): the same answer for an unknown email and a wrong password.
func (s *userService) CheckPassword(ctx context.Context, request *userpb.CheckPasswordRequest) (*userpb.CheckPasswordResponse, error) {
	wrong := status.Error(codes.Unauthenticated, "wrong email or password")
	// no stored password is longer: do not spend a hash on a megabyte sent straight over gRPC
	if utf8.RuneCountInString(request.Password) > passwordMaxLength {
		return nil, wrong
	}
	found, ok := s.store.findByEmail(request.Email)
	right := isPassword(request.Password, found.passwordHash, s.hashCost)
	if !ok || !right {
		return nil, wrong
	}
	if _, still := s.store.get(found.id); !still { // the user may have been deleted while we hashed
		return nil, wrong
	}
	// the key as it was with the password just checked: if that password changed meanwhile, the
	// token made with this key is refused, as it should be
	return &userpb.CheckPasswordResponse{User: public(found), Role: found.role, SessionKey: found.sessionKey}, nil
}

// CheckSession (lesson 11): is a login still good? Only while the user is there and the key is
// theirs. A user gone, a key replaced, an id or a key that makes no sense: the same answer, and no
// InvalidArgument, so a caller learns that the token is no good and nothing else.
func (s *userService) CheckSession(ctx context.Context, request *userpb.CheckSessionRequest) (*userpb.CheckSessionResponse, error) {
	found, ok := s.store.get(request.UserId)
	if !ok || !isSessionKey(request.SessionKey, found.sessionKey) {
		return nil, status.Error(codes.Unauthenticated, "the session is no longer valid")
	}
	return &userpb.CheckSessionResponse{User: public(found), Role: found.role}, nil
}
