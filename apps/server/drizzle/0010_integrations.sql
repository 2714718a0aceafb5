CREATE TABLE "typebot_integrations" (
	"company_id" bigint PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"public_id" text NOT NULL,
	"api_token_sealed" text,
	"enabled" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "typebot_sessions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "typebot_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" bigint NOT NULL,
	"ticket_id" bigint NOT NULL,
	"remote_session_id" text,
	"in_flight" jsonb,
	"queued" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"choices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"end_reason" text,
	"started_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ai_integrations" ADD COLUMN "enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_integrations" ADD COLUMN "suggest_reply" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_integrations" ADD COLUMN "summarize" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "typebot_integrations" ADD CONSTRAINT "typebot_integrations_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "typebot_sessions" ADD CONSTRAINT "typebot_sessions_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "typebot_sessions" ADD CONSTRAINT "typebot_sessions_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "typebot_sessions_running_unique" ON "typebot_sessions" USING btree ("ticket_id") WHERE "typebot_sessions"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "typebot_sessions_company_idx" ON "typebot_sessions" USING btree ("company_id","created_at");