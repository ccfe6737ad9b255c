package de.kommunalmarkt.web.api;

/**
 * An API refused what a page needed to show (403, 404, 503, ...): the page answers with the same
 * status and the problem as a readable message (ErrorPages).
 */
public class ApiRefusedException extends RuntimeException {

    private final ApiProblem problem;

    public ApiRefusedException(ApiProblem problem) {
        super(problem.status() + " " + problem.title());
        this.problem = problem;
    }

    public ApiProblem problem() {
        return problem;
    }
}
