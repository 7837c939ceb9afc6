package main

// Untrusted files are read in child processes, the way Apache Tika's forked
// parsers and browsers' sandboxed renderers do: a fault that Go cannot
// recover (a stack overflow, running out of memory) or a reader stuck in a
// loop then costs one file, not the run. dpa starts itself in a hidden
// reader mode and sends the files to one child, which reads as many at a
// time as dpa has workers: a process costs start-up, package
// initialisation and a heap of its own, which for a run of a few files was
// a fifth of its CPU. A child that crashes, outgrows its memory limit or
// overruns the per-file time is killed and the next files get a fresh
// child. When it was reading one file, that file is reported failed with
// the reason; when it was reading several, which of them caused it is not
// known, and each is read again alone in a child of its own, so that a
// fault still costs exactly the file that caused it. DPA_READER=inprocess
// reads in the dpa process itself (for debugging, and for the tests that
// do not test this).

import (
	"bufio"
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/corpus"
)

// readerMode is the hidden first argument that starts dpa as a reader child.
const readerMode = "__reader"

// readerEnv names the environment variable that chooses where files are
// read: "inprocess" reads them in the dpa process, anything else in
// supervised children.
const readerEnv = "DPA_READER"

// DefaultReaderMemory is the default memory limit of a reader child, in MB.
const DefaultReaderMemory = 512

// readRequest asks a reader child to read one file; its answer carries the
// same ID.
type readRequest struct {
	ID      uint64
	File    corpus.File
	Timeout time.Duration
}

// readResponse is a reader child's answer to request ID: the document or
// the error, and notices for the user (printed once by the parent).
type readResponse struct {
	ID      uint64
	Doc     *corpus.Document
	Err     *wireError
	Notices []string
}

// wireError carries a corpus.FileError between processes.
type wireError struct {
	Path string
	Page int
	Kind corpus.Kind
	Msg  string
}

func toWire(err error) *wireError {
	if err == nil {
		return nil
	}
	var fe *corpus.FileError
	if errors.As(err, &fe) {
		w := &wireError{Path: fe.Path, Page: fe.Page, Kind: fe.Kind}
		if fe.Err != nil {
			w.Msg = fe.Err.Error()
		}
		return w
	}
	return &wireError{Kind: corpus.Other, Msg: err.Error()}
}

func (w *wireError) err() error {
	fe := &corpus.FileError{Path: w.Path, Page: w.Page, Kind: w.Kind}
	if w.Msg != "" {
		fe.Err = errors.New(w.Msg)
	}
	return fe
}

// opener reads one file; corpus.Open in production.
type opener func(ctx context.Context, f corpus.File, opts corpus.Options) (*corpus.Document, error)

// runReader is the reader child: it reads requests on in, reads each file
// with open, each as soon as it is asked for (the parent bounds how many
// at a time), and answers on out, until in ends and every file asked for
// is answered. args are the OCR and memory options the parent was given.
func runReader(args []string, in io.Reader, out io.Writer, open opener) int {
	fs := flag.NewFlagSet(readerMode, flag.ContinueOnError)
	var o ocrFlags
	o.register(fs)
	maxMB := fs.Int64("max-memory", DefaultReaderMemory, "")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	// Past half the limit the garbage collector works harder: what a
	// reader lets go of (the bytes of a page that gave way to another
	// under the memory budget) is returned before it adds up.
	debug.SetMemoryLimit(*maxMB << 20 / 2)
	// A runaway recursion ends as "stack overflow" well before the memory
	// limit, so that the parent can say which it was.
	debug.SetMaxStack(int(min(*maxMB<<20/4, 128<<20)))
	var notices noticeBuffer
	rec, err := o.recognizer(zap.NewNop(), &notices)
	if err != nil {
		return exitUsage
	}
	dec := gob.NewDecoder(bufio.NewReader(in))
	bw := bufio.NewWriter(out)
	enc := gob.NewEncoder(bw)
	var (
		encMu  sync.Mutex // one answer at a time on out
		failed atomic.Bool
		busy   atomic.Int64 // files being read
		wg     sync.WaitGroup
	)
	// What the last files left on the heap is given back to the system
	// before the next one, when it is much and no file is being read: the
	// next file starts from a small heap. Not after every file: a forced
	// collection and giving back pages that the next file faults in again
	// cost more than the reading of a small file, and the last file of a
	// run needs none.
	retainMax := uint64(*maxMB) << 20 / 8
	for !failed.Load() {
		var req readRequest
		if err := dec.Decode(&req); err != nil {
			break
		}
		if busy.Load() == 0 && heapRetained() > retainMax {
			debug.FreeOSMemory()
		}
		busy.Add(1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer busy.Add(-1)
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if req.Timeout > 0 {
				ctx, cancel = context.WithTimeout(ctx, req.Timeout)
			}
			doc, err := open(ctx, req.File, corpus.Options{OCR: rec})
			cancel()
			encMu.Lock()
			defer encMu.Unlock()
			err = enc.Encode(readResponse{ID: req.ID, Doc: doc, Err: toWire(err), Notices: notices.drain()})
			if err == nil {
				err = bw.Flush()
			}
			if err != nil {
				failed.Store(true)
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		return exitFailed
	}
	return exitOK
}

// heapRetained returns how many bytes of heap the process holds from the
// system: in use, garbage not yet collected, or free but not given back.
func heapRetained() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"}}
	metrics.Read(s)
	var n uint64
	for _, v := range s {
		if v.Value.Kind() == metrics.KindUint64 {
			n += v.Value.Uint64()
		}
	}
	return n
}

// noticeBuffer collects what the OCR engine prints for the user.
type noticeBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *noticeBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *noticeBuffer) drain() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := strings.TrimSpace(b.buf.String())
	b.buf.Reset()
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// readerPool supervises the reader children of one run: the child that
// reads the run's files, and the children that read a file again alone.
type readerPool struct {
	exe    string   // the dpa executable
	args   []string // the child's options
	maxRSS int64    // bytes; a child over it is killed
	stderr io.Writer

	mu      sync.Mutex
	shared  *readerProc // the child that takes the next file; nil: start one
	printed map[string]bool
	// left is how many files of the run are still to be read, -1 when
	// not known (see expect).
	left int
	// stopping counts the children let go before close.
	stopping sync.WaitGroup
}

// newReaderPool returns a pool that starts children of the running
// executable with the OCR options o and a memory limit of maxMB.
func newReaderPool(o ocrFlags, maxMB int64, stderr io.Writer) (*readerPool, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("reader: %w", err)
	}
	args := []string{readerMode,
		"--ocr", o.mode, "--ocr-lang", o.lang, "--tesseract", o.tesseract,
		"--ocr-timeout", o.timeout.String(), "--ocr-workers", strconv.Itoa(o.workers),
		"--max-memory", strconv.FormatInt(maxMB, 10)}
	return &readerPool{exe: exe, args: args, maxRSS: maxMB << 20, stderr: stderr, printed: map[string]bool{}, left: -1}, nil
}

// expect tells the pool that n files are to be read (until close): the
// child sent the last of them is let go once it has answered rather than
// kept idle, so that neither it nor what this process keeps for it (the
// decoder's buffer, as large as the largest document it sent) stays in
// memory while the documents are extracted.
func (p *readerPool) expect(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.left = n
}

// readerProc is one reader child.
type readerProc struct {
	cmd    *exec.Cmd
	inPipe io.WriteCloser
	exited chan struct{} // closed when the child has exited
	stderr *tailBuffer
	// drained is closed when the child takes no more files and has
	// answered those it took, or its answers ended.
	drained chan struct{}

	mu      sync.Mutex
	enc     *gob.Encoder
	in      *bufio.Writer
	nextID  uint64
	pending map[uint64]chan readAnswer // the files asked for and not answered
	// ended is set when the child's answers ended (it exited or was
	// killed): it takes no more files.
	ended bool
	// ending is set when the child was sent its last file: its input is
	// closed, and it ends once it has answered.
	ending bool
	closed bool // drained is closed
}

// readAnswer is the child's answer to one file, or err when the child's
// answers ended before it; shared then says whether other files were
// being read in the child when it ended.
type readAnswer struct {
	resp   readResponse
	err    error
	shared bool
}

func (p *readerPool) start() (*readerProc, error) {
	cmd := exec.Command(p.exe, p.args...)
	cmd.Env = append(os.Environ(), "GOTRACEBACK=single")
	// A process group of its own: Ctrl-C in a terminal reaches dpa, which
	// stops its children itself, not each child with a crash to report.
	// A child whose parent is gone ends at the end of its input.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	inPipe, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd.ExtraFiles = []*os.File{outW}
	rp := &readerProc{cmd: cmd, inPipe: inPipe, in: bufio.NewWriter(inPipe), pending: map[uint64]chan readAnswer{},
		exited: make(chan struct{}), drained: make(chan struct{}), stderr: &tailBuffer{max: 16 << 10}}
	rp.enc = gob.NewEncoder(rp.in)
	cmd.Stderr = rp.stderr
	if err := cmd.Start(); err != nil {
		outR.Close()
		outW.Close()
		return nil, fmt.Errorf("starting the reader: %w", err)
	}
	outW.Close()
	go func() {
		dec := gob.NewDecoder(bufio.NewReader(outR))
		for {
			var resp readResponse
			err := dec.Decode(&resp)
			if err == nil && rp.answer(resp) {
				continue
			}
			if err == nil {
				err = fmt.Errorf("an answer to request %d, which was not asked", resp.ID)
				rp.cmd.Process.Kill()
			}
			outR.Close()
			rp.end(err)
			return
		}
	}()
	go func() {
		cmd.Wait()
		close(rp.exited)
	}()
	return rp, nil
}

// answer hands resp to the file that asked for it, and reports whether
// one did.
func (rp *readerProc) answer(resp readResponse) bool {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	ch, ok := rp.pending[resp.ID]
	if ok {
		delete(rp.pending, resp.ID)
		ch <- readAnswer{resp: resp}
		rp.checkDrained()
	}
	return ok
}

// checkDrained closes drained once the child takes no more files and has
// answered those it took. The caller holds rp.mu.
func (rp *readerProc) checkDrained() {
	if !rp.closed && (rp.ended || rp.ending && len(rp.pending) == 0) {
		rp.closed = true
		close(rp.drained)
	}
}

// end marks the child's answers ended with err, and tells every file
// still waiting, and whether it was alone.
func (rp *readerProc) end(err error) {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	rp.ended = true
	shared := len(rp.pending) > 1
	for id, ch := range rp.pending {
		ch <- readAnswer{err: err, shared: shared}
		delete(rp.pending, id)
	}
	rp.checkDrained()
}

// send asks the child to read f; last closes its input after, so that it
// ends once it has answered. It returns where the answer will come, or
// false when the child has ended or is ending.
func (rp *readerProc) send(f corpus.File, timeout time.Duration, last bool) (<-chan readAnswer, bool) {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	if rp.ended || rp.ending {
		return nil, false
	}
	if len(rp.pending) == 0 {
		rp.stderr.reset()
	}
	rp.nextID++
	ch := make(chan readAnswer, 1)
	rp.pending[rp.nextID] = ch
	err := rp.enc.Encode(readRequest{ID: rp.nextID, File: f, Timeout: timeout})
	if err == nil {
		err = rp.in.Flush()
	}
	// A write that failed means the child is gone: its answers end, and
	// the file is answered then.
	_ = err
	if last {
		rp.inPipe.Close()
		rp.ending = true
	}
	rp.checkDrained()
	return ch, true
}

// reading returns how many files the child is reading.
func (rp *readerProc) reading() int {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return len(rp.pending)
}

// kill ends the child and waits for it.
func (rp *readerProc) kill() {
	rp.cmd.Process.Kill()
	rp.inPipe.Close()
	<-rp.exited
}

// stop ends the child at the end of its input once it has answered the
// files it was sent (each of which is watched by its own await), or kills
// it when it does not end within 2 seconds after.
func (rp *readerProc) stop() {
	rp.mu.Lock()
	rp.ending = true
	rp.checkDrained()
	rp.mu.Unlock()
	rp.inPipe.Close()
	<-rp.drained
	select {
	case <-rp.exited:
	case <-time.After(2 * time.Second):
		rp.kill()
	}
}

// took counts a file taken for reading against those expected, and
// reports whether it was the last of them.
func (p *readerPool) took() (last bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.left > 0 {
		p.left--
		return p.left == 0
	}
	return false
}

// sendShared sends f to the run's child, started when there is none (or
// it ended), and returns the child and where its answer will come.
func (p *readerPool) sendShared(f corpus.File, timeout time.Duration, last bool) (*readerProc, <-chan readAnswer, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		fresh := p.shared == nil
		if fresh {
			rp, err := p.start()
			if err != nil {
				return nil, nil, err
			}
			p.shared = rp
		}
		rp := p.shared
		ch, ok := rp.send(f, timeout, last)
		if last || !ok {
			// It takes no more files: it ends once it has answered
			// those it has.
			p.shared = nil
			p.letGo(rp)
		}
		switch {
		case ok:
			return rp, ch, nil
		case fresh:
			return nil, nil, rp.exitedAtOnce()
		}
	}
}

// exitedAtOnce is the error for a child that ended before it was sent its
// first file.
func (rp *readerProc) exitedAtOnce() error {
	<-rp.exited
	return fmt.Errorf("the reader exited at once: %s", crashReason(rp.cmd.ProcessState, rp.stderr.String()))
}

// letGo stops rp in the background once it has answered the files it was
// sent (close waits for it). The caller holds p.mu.
func (p *readerPool) letGo(rp *readerProc) {
	p.stopping.Add(1)
	go func() {
		defer p.stopping.Done()
		rp.stop()
	}()
}

// retire makes sure no further file is sent to rp.
func (p *readerPool) retire(rp *readerProc) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shared == rp {
		p.shared = nil
	}
}

// close ends every child and forgets what expect said.
func (p *readerPool) close() {
	p.mu.Lock()
	rp := p.shared
	p.shared = nil
	p.left = -1
	p.mu.Unlock()
	if rp != nil {
		rp.stop()
	}
	p.stopping.Wait()
}

// notice prints a child's notice to the user once per run.
func (p *readerPool) notice(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.printed[s] {
		p.printed[s] = true
		fmt.Fprintln(p.stderr, s)
	}
}

// readGrace is how long past the per-file timeout a child may take to
// answer before it is killed (it stops by itself at the timeout).
var readGrace = 5 * time.Second

// rssPoll is how often a busy child's memory is measured.
const rssPoll = 20 * time.Millisecond

// open reads f in a child within timeout (0 for none). When the child it
// was read in failed while reading other files too, f is read again alone
// in a fresh child, whose verdict is final, and with the whole timeout:
// since is when that reading began (the time before it was lost to
// another file).
func (p *readerPool) open(ctx context.Context, f corpus.File, timeout time.Duration) (doc *corpus.Document, since time.Time, err error) {
	since = time.Now()
	rp, ch, err := p.sendShared(f, timeout, p.took())
	if err != nil {
		return nil, since, &corpus.FileError{Path: f.Path, Kind: corpus.Other, Err: err}
	}
	doc, err, again := p.await(ctx, rp, ch, f, timeout)
	if !again {
		return doc, since, err
	}
	since = time.Now()
	solo, err := p.start()
	if err != nil {
		return nil, since, &corpus.FileError{Path: f.Path, Kind: corpus.Other, Err: err}
	}
	ch, ok := solo.send(f, timeout, true)
	p.mu.Lock()
	p.letGo(solo)
	p.mu.Unlock()
	if !ok {
		return nil, since, &corpus.FileError{Path: f.Path, Kind: corpus.Other, Err: solo.exitedAtOnce()}
	}
	doc, err, _ = p.await(ctx, solo, ch, f, timeout)
	return doc, since, err
}

// await waits for rp's answer to f, watching the child's memory and time.
// again reports that the child failed while reading other files besides
// f: which of them caused it is not known.
func (p *readerPool) await(ctx context.Context, rp *readerProc, ch <-chan readAnswer, f corpus.File, timeout time.Duration) (doc *corpus.Document, err error, again bool) {
	var deadline <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout + readGrace)
		defer t.Stop()
		deadline = t.C
	}
	tick := time.NewTicker(rssPoll)
	defer tick.Stop()
	for {
		select {
		case a := <-ch:
			if a.err != nil && ctx.Err() != nil {
				p.retire(rp)
				rp.kill()
				return nil, &corpus.FileError{Path: f.Path, Kind: corpus.Other, Err: fmt.Errorf("stopped: %w", ctx.Err())}, false
			}
			if a.err != nil {
				p.retire(rp)
				// The child died: wait for its exit to learn why.
				select {
				case <-rp.exited:
				case <-time.After(2 * time.Second):
					rp.kill()
				}
				if a.shared {
					return nil, nil, true
				}
				return nil, &corpus.FileError{Path: f.Path, Kind: crashKind(rp.stderr.String()),
					Err: fmt.Errorf("reader crashed: %s", crashReason(rp.cmd.ProcessState, rp.stderr.String()))}, false
			}
			for _, n := range a.resp.Notices {
				p.notice(n)
			}
			if a.resp.Err != nil {
				return nil, a.resp.Err.err(), false
			}
			return a.resp.Doc, nil, false
		case <-ctx.Done():
			p.retire(rp)
			rp.kill()
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, &corpus.FileError{Path: f.Path, Kind: corpus.Timeout, Err: ctx.Err()}, false
			}
			return nil, &corpus.FileError{Path: f.Path, Kind: corpus.Other, Err: fmt.Errorf("stopped: %w", ctx.Err())}, false
		case <-deadline:
			// This file's own time is over: the verdict is its own,
			// whatever else the child was reading.
			p.retire(rp)
			rp.kill()
			return nil, &corpus.FileError{Path: f.Path, Kind: corpus.Timeout, Err: fmt.Errorf("the reader did not stop within %v; killed", timeout+readGrace)}, false
		case <-tick.C:
			if rss := processRSS(rp.cmd.Process.Pid); rss > p.maxRSS {
				alone := rp.reading() <= 1
				p.retire(rp)
				rp.kill()
				if !alone {
					return nil, nil, true
				}
				return nil, &corpus.FileError{Path: f.Path, Kind: corpus.TooLarge,
					Err: fmt.Errorf("out of memory: over %d MB; the reader was stopped", p.maxRSS>>20)}, false
			}
		}
	}
}

// processRSS returns the resident memory of process pid in bytes, or 0
// when it cannot be read (not Linux).
func processRSS(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// crashReason says why a child died, from its exit and what it printed:
// "stack overflow", "out of memory", "panic: …", "killed by signal".
func crashReason(ps *os.ProcessState, stderr string) string {
	for _, line := range strings.Split(stderr, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "fatal error: "):
			return strings.TrimPrefix(line, "fatal error: ")
		case strings.HasPrefix(line, "panic: "):
			return line
		}
	}
	if ps != nil {
		return ps.String() // "signal: killed", "exit status 3"
	}
	return "exited"
}

// crashKind classifies a crash: running out of memory is TooLarge, any
// other crash a damaged file.
func crashKind(stderr string) corpus.Kind {
	if strings.Contains(stderr, "out of memory") {
		return corpus.TooLarge
	}
	return corpus.Damaged
}

// tailBuffer keeps the first max bytes written since its last reset: the
// reason for a crash is at the top of what a dying Go program prints.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - len(b.buf); room > 0 {
		b.buf = append(b.buf, p[:min(len(p), room)]...)
	}
	return len(p), nil
}

func (b *tailBuffer) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = b.buf[:0]
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
