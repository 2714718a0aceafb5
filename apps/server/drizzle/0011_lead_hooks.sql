CREATE TABLE "lead_hook_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lead_hook_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" bigint NOT NULL,
	"hook_id" bigint NOT NULL,
	"content_type" text,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"payload" jsonb,
	"raw" text,
	"status" text NOT NULL,
	"http_status" integer NOT NULL,
	"error" jsonb,
	"contact_id" bigint,
	"ticket_id" bigint,
	"replay_of" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_hooks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lead_hooks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" bigint NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"key" text NOT NULL,
	"secret_hash" text,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_received_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lead_hook_requests" ADD CONSTRAINT "lead_hook_requests_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_hook_requests" ADD CONSTRAINT "lead_hook_requests_hook_id_lead_hooks_id_fk" FOREIGN KEY ("hook_id") REFERENCES "public"."lead_hooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_hooks" ADD CONSTRAINT "lead_hooks_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_hook_requests_hook_idx" ON "lead_hook_requests" USING btree ("company_id","hook_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_hooks_key_unique" ON "lead_hooks" USING btree ("key");--> statement-breakpoint
CREATE INDEX "lead_hooks_company_idx" ON "lead_hooks" USING btree ("company_id","id");