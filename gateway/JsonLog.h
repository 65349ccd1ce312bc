#pragma once

namespace cs {

// `--log-format json`: every log line on stderr becomes one JSON object
// {"time","level","category","message"} (JSON Lines), for a log collector. The gateway never logs
// a token or a command's text above debug level, in either format.
void installJsonLog();

} // namespace cs
