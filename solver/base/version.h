#pragma once
// Program version and the git revision it was built from.

namespace needlesim
{
  const char *
  version();
  const char *
  git_revision();
} // namespace needlesim
