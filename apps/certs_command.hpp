#pragma once

#include <string>
#include <vector>

namespace tofmap {

/// `tofmap certs DIR --nodes N` with the arguments after "certs"; returns the exit status.
int certs_command(const std::vector<std::string>& args);

} // namespace tofmap
