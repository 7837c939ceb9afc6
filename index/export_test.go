package index

// BuildBenchIndex exports the 10,000-document benchmark index and its
// query mix to the external test package (the HTTP load benchmark, which
// imports index/web and so cannot live in package index).
var (
	BuildBenchIndex = buildBenchIndex
	BenchQueries    = benchQueries
	ProcessCPU      = processCPU
)
