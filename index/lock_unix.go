//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// lockFile is an exclusive advisory lock (flock) on a file; the kernel
// drops it when the process dies, so a killed dpa never leaves it stale.
type lockFile struct{ f *os.File }

// acquireLock takes the lock on path, polling until timeout.
func acquireLock(path string, timeout time.Duration) (*lockFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(timeout)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		if time.Now().After(deadline) {
			holder := readHolder(f)
			f.Close()
			return nil, fmt.Errorf("%w: another dpa%s is updating it (waited %s)", ErrBusy, holder, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &lockFile{f: f}, nil
}

// readHolder returns " (pid N)" for the process that wrote the lock file.
func readHolder(f *os.File) string {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0)
	pid := strings.TrimSpace(string(b[:n]))
	if pid == "" {
		return ""
	}
	return " (pid " + pid + ")"
}

func (l *lockFile) release() {
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
}

// tryLockGen takes, without waiting, the exclusive lock bolt takes to
// write a generation's root; it fails (busy) while any reader holds the
// generation open, since bolt's readers hold a shared lock on it.
func tryLockGen(gen string) (unlock func(), busy bool) {
	f, err := os.OpenFile(filepath.Join(gen, "store", rootBoltFile), os.O_RDWR, 0)
	if err != nil {
		return func() {}, false // no root: an unfinished generation
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, true
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, false
}
