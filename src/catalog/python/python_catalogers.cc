// The Python rows: installed distributions first, then the lockfiles and requirement files.
#include "catalog/python/python.h"

namespace customs {

std::vector<Cataloger> python_catalogers() {
  return {python_installed_cataloger(), python_egg_cataloger(), python_requirements_cataloger(),
          python_poetry_cataloger(), python_pipenv_cataloger()};
}

}  // namespace customs
