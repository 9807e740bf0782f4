package pipeline

import "io"

// stallReader reads its input ahead on a goroutine, so that the line reader
// can tell when the input has nothing more for now (a pipe fed by a slow
// producer, "tail -f"): before it waits, it calls stalled, which sends the
// lines read so far through the pipeline instead of holding them for a full
// batch. Lines then come out as soon as they come in.
type stallReader struct {
	chunks  chan chunk
	done    chan struct{}
	cur     []byte
	err     error
	stalled func()
}

type chunk struct {
	data []byte
	err  error
}

func newStallReader(r io.Reader, stalled func()) *stallReader {
	s := &stallReader{chunks: make(chan chunk, 4), done: make(chan struct{}), stalled: stalled}
	go func() {
		for {
			buf := make([]byte, 64<<10)
			n, err := r.Read(buf)
			select {
			case s.chunks <- chunk{buf[:n], err}:
			case <-s.done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return s
}

func (s *stallReader) Read(p []byte) (int, error) {
	for len(s.cur) == 0 {
		if s.err != nil {
			return 0, s.err
		}
		var c chunk
		select {
		case c = <-s.chunks:
		default:
			s.stalled()
			c = <-s.chunks
		}
		s.cur, s.err = c.data, c.err
	}
	n := copy(p, s.cur)
	s.cur = s.cur[n:]
	return n, nil
}

// close lets the read-ahead goroutine end once its pending read returns.
func (s *stallReader) close() { close(s.done) }
