#include "problem_registry.h"

#include "indentation_problem.h"
#include "stroke_problem.h"
#include "treatment_problem.h"

namespace needlesim
{
  namespace
  {
    double
    indentation_end_time(const Scenario &s)
    {
      return s.indentation.ramp_time + s.indentation.hold_time;
    }

    double
    stroke_end_time(const Scenario &s)
    {
      return NeedleMotion(s.stroke.motion).total_duration();
    }

    double
    treatment_end_time(const Scenario &s)
    {
      return s.treatment.protocol.follow_up;
    }
  } // namespace



  const ProblemEntry &
  problem_entry(const ProblemType type)
  {
    static const ProblemEntry indentation{"s", indentation_end_time, run_indentation};
    static const ProblemEntry stroke{"s", stroke_end_time, run_stroke};
    static const ProblemEntry treatment{"days", treatment_end_time, run_treatment};
    switch (type)
      {
        case ProblemType::indentation:
          return indentation;
        case ProblemType::stroke:
          return stroke;
        case ProblemType::treatment:
          return treatment;
      }
    return indentation;
  }
} // namespace needlesim
