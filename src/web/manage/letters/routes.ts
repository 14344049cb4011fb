import type { FastifyInstance } from "fastify";
import type { Services } from "../../../services.ts";

export function lettersRoutes(_app: FastifyInstance, _services: Services): void {}
