#pragma once
// An owned HDF5 C-API handle (file, group, dataset, dataspace, datatype,
// attribute): closed when it goes out of scope, also when an exception
// passes, so no handle outlives an error. HighFive would do this but is not
// in Debian 12; deal.II's HDF5 wrapper has no string datasets.

#include <hdf5.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace needlesim
{
  class Hdf5Handle
  {
  public:
    using Closer = herr_t (*)(hid_t);

    /// Takes @p id (from an H5*create/open/copy call) with its close
    /// function; throws std::runtime_error "HDF5: could not <what>" if the
    /// call failed (id < 0).
    Hdf5Handle(const hid_t id, const Closer close, const std::string &what)
      : id(id)
      , closer(close)
    {
      if (id < 0)
        throw std::runtime_error("HDF5: could not " + what);
    }

    Hdf5Handle(const Hdf5Handle &) = delete;
    Hdf5Handle &
    operator=(const Hdf5Handle &) = delete;
    Hdf5Handle(Hdf5Handle &&other) noexcept
      : id(std::exchange(other.id, -1))
      , closer(other.closer)
    {}

    ~Hdf5Handle()
    {
      if (id >= 0)
        closer(id);
    }

    operator hid_t() const
    {
      return id;
    }

    /// Closes now and checks it (a file's close flushes it to disk).
    void
    close(const std::string &what)
    {
      const herr_t status = closer(std::exchange(id, -1));
      if (status < 0)
        throw std::runtime_error("HDF5: could not close " + what);
    }

  private:
    hid_t  id;
    Closer closer;
  };
} // namespace needlesim
